import { open, type FileHandle } from 'node:fs/promises';
import type SecretStream from '@hyperswarm/secret-stream';
import {
  blake2b,
  ContentHash,
  controlFrame,
  parseFileFrame,
  piecesMatch,
} from '../../wire/file-frames';
import { blockCount, type FileOffer } from '../../wire/file-offer';
import type { FileFetch, FileProgress } from '../../node/files/file-transport';

/** Opens a files connection to the sender (direct-files.ts dials and checks its key). */
export type OpenFilesStream = () => Promise<SecretStream>;

/**
 * Failures that are the connection's, not the file's: the transfer goes on when the
 * sender is back (1 s, doubling, at most 30 s apart, until /cancel).
 */
const RETRIED = new Set([
  'E_FILE_CLOSED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'E_LINK_HANDSHAKE',
]);
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

class FetchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One file fetched over a files connection: the pieces already in `partial` that match
 * their hashes are kept, the rest asked for, each checked as it comes and written in its
 * place. Resolves, when every piece is there, with the content's hash as written.
 */
export function fetchFile(
  openStream: OpenFilesStream,
  offer: FileOffer,
  partial: string,
  progress: FileProgress,
): FileFetch {
  let stream: SecretStream | undefined;
  let stopped = false;
  let wake = (): void => undefined;
  const done = (async () => {
    const file = await open(partial, 'a+').then(async (handle) => {
      await handle.close();
      return open(partial, 'r+');
    });
    // What came over the network this run, over every connection it took.
    let before = 0;
    let now = 0;
    let have = 0;
    const counted: FileProgress = (state) => {
      now = state.received;
      have = state.have;
      progress({ ...state, received: before + now });
    };
    try {
      let torn = 0;
      for (let failures = 0; ;) {
        const { size } = await file.stat();
        // Whole pieces already written, checked once the hash list is here.
        const written = Math.min(Math.floor(size / offer.block), blockCount(offer));
        stream?.destroy();
        try {
          stream = await openStream();
          if (stopped) throw new FetchError('E_FILE_CANCELLED', 'cancelled');
          const hash = await receive(stream, file, offer, written, counted);
          if (hash !== null) return hash;
          // A torn piece (written before a crash) cut the file there: asked again, once.
          if ((torn += 1) > 1) throw new FetchError('E_FILE_PIECES', 'the partial file changes');
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          if (stopped || !RETRIED.has(code)) throw error;
          // The sender is away (quit, restarting, its network gone): asked again, later,
          // soon again if this connection brought something.
          failures = now > 0 ? 1 : failures + 1;
          before += now;
          now = 0;
          // Nobody serving it now; what it has never goes back.
          progress({ have, received: before, peers: 0 });
          const wait = Math.min(RETRY_FIRST_MS * 2 ** (failures - 1), RETRY_MAX_MS);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          if (stopped) throw new FetchError('E_FILE_CANCELLED', 'cancelled');
        }
      }
    } finally {
      stream?.destroy();
      await file.close();
    }
  })();
  return {
    done,
    stop: () => {
      stopped = true;
      stream?.destroy();
      wake();
    },
  };
}

/**
 * The hash list, the pieces written already checked against it, then the rest: the
 * content's hash when all came; null when a piece written was torn (the file cut there,
 * to be asked again).
 */
async function receive(
  stream: SecretStream,
  file: FileHandle,
  offer: FileOffer,
  written: number,
  progress: FileProgress,
): Promise<string | null> {
  const pieces = blockCount(offer);
  const frames = framesOf(stream);
  const writes = new WriteWindow(stream);
  stream.write(controlFrame({ t: 'get', core: offer.core, from: written }));
  const first = await frames.next();
  if (first.kind === 'no') throw new FetchError(first.code, first.message);
  if (first.kind !== 'pieces' || !piecesMatch(offer, first.hashes))
    throw new FetchError('E_FILE_PIECES', 'the list of pieces is not the one offered');
  const hashes = first.hashes;
  const content = new ContentHash();
  for (let index = 0; index < written; index += 1) {
    const bytes = Buffer.alloc(pieceLength(offer, index));
    await file.read(bytes, 0, bytes.length, index * offer.block);
    if (blake2b(bytes).toString('hex') !== hashes[index]) {
      await file.truncate(index * offer.block);
      return null;
    }
    content.update(bytes);
  }
  let received = 0;
  progress({ have: Math.min(written * offer.block, offer.size), received, peers: 1 });
  await file.truncate(Math.min(written * offer.block, offer.size));
  try {
    for (let index = written; index < pieces; index += 1) {
      const frame = await frames.next();
      if (frame.kind === 'no') throw new FetchError(frame.code, frame.message);
      if (frame.kind !== 'piece' || frame.index !== index)
        throw new FetchError('E_FILE_PIECES', `piece ${index} expected`);
      if (blake2b(frame.bytes).toString('hex') !== hashes[index])
        throw new FetchError('E_FILE_PIECES', `piece ${index} is not the one offered`);
      content.update(frame.bytes);
      writes.add(file.write(frame.bytes, 0, frame.bytes.length, index * offer.block));
      received += frame.bytes.length;
      progress({ have: Math.min((index + 1) * offer.block, offer.size), received, peers: 1 });
    }
  } finally {
    // A connection lost mid-way leaves no write behind: the next one reads the file's size.
    await writes.settled().catch(() => undefined);
  }
  await writes.settled();
  return content.hex();
}

/** Writes to disk; the stream held while too many wait, so memory stays a few pieces. */
class WriteWindow {
  private readonly waiting = new Set<Promise<unknown>>();
  private failure: Error | null = null;

  constructor(private readonly stream: SecretStream) {}

  add(write: Promise<unknown>): void {
    if (this.failure) throw this.failure;
    const settled: Promise<void> = write.then(
      (): void => this.done(settled),
      (error: Error): void => {
        this.failure = error;
        this.done(settled);
      },
    );
    this.waiting.add(settled);
    if (this.waiting.size === WRITES_WAITING) this.stream.pause();
  }

  async settled(): Promise<void> {
    await Promise.all(this.waiting);
    if (this.failure) throw this.failure;
  }

  private done(write: Promise<unknown>): void {
    this.waiting.delete(write);
    if (this.waiting.size === WRITES_WAITING - 1) this.stream.resume();
  }
}
const WRITES_WAITING = 8;

function pieceLength(offer: FileOffer, index: number): number {
  return Math.min(offer.block, offer.size - index * offer.block);
}

type Next =
  | { kind: 'pieces'; hashes: string[] }
  | { kind: 'no'; code: string; message: string }
  | { kind: 'piece'; index: number; bytes: Buffer }
  | { kind: 'other' };

/** The stream's frames, one at a time; a close or a bad frame fails the wait. */
function framesOf(stream: SecretStream): { next(): Promise<Next> } {
  const queue: Buffer[] = [];
  let waiting: ((frame: Buffer | null) => void) | null = null;
  let closed = false;
  stream.on('data', (frame: Buffer) => {
    if (waiting) {
      const wake = waiting;
      waiting = null;
      wake(frame);
    } else queue.push(frame);
  });
  stream.on('close', () => {
    closed = true;
    waiting?.(null);
  });
  const read = (): Promise<Buffer | null> => {
    const frame = queue.shift();
    if (frame) return Promise.resolve(frame);
    if (closed) return Promise.resolve(null);
    return new Promise((resolve) => (waiting = resolve));
  };
  return {
    next: async () => {
      const frame = await read();
      if (frame === null) throw new FetchError('E_FILE_CLOSED', 'the sender closed the connection');
      const parsed = parseFileFrame(frame);
      if (parsed.kind === 'piece') return parsed;
      if (parsed.kind === 'invalid') throw new FetchError('E_FILE_FRAME', 'a frame not understood');
      const message = parsed.message;
      if (message.t === 'pieces') return { kind: 'pieces', hashes: message.hashes };
      if (message.t === 'no') return { kind: 'no', code: message.code, message: message.message };
      return { kind: 'other' };
    },
  };
}
