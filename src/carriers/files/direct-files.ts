import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type SecretStream from '@hyperswarm/secret-stream';
import type { Address } from '../../wire/address';
import {
  blake2b,
  ContentHash,
  controlFrame,
  PIECE_HEAD,
  parseFileFrame,
  pieceBytes,
  pieceFrame,
  piecesRoot,
  type FileControl,
} from '../../wire/file-frames';
import { blockCount, type FileOffer } from '../../wire/file-offer';
import { LIMITS } from '../../wire/limits';
import type {
  DirectFileOffered,
  DirectFilesPort,
  FileFetch,
  FileProgress,
  Refusal,
} from '../../node/files/file-transport';
import { fetchFile } from './file-fetch';

/** A file of ours a peer may fetch: where it is read from, as it was when offered. */
interface Shared {
  path: string;
  offer: FileOffer;
  hashes: string[];
  /** Its modification time when hashed: a file changed since is not sent. */
  mtimeMs: number;
  /** The peers it was offered to (IP:PORT, whose pinned keys answer): nobody else gets it. */
  to: Set<string>;
  sent: number;
  fetching: number;
}

/** How this carrier opens an encrypted stream to a peer (dial, hello, Noise, key check). */
export type StreamTo = (target: Address) => Promise<{ stream: SecretStream; remoteKey: string }>;

/** A files connection left open by its peer this long after its answer is closed. */
const LINGER_MS = 30_000;

/**
 * Files between two peer-tui (issue 23): offered and fetched over files connections (a
 * TCP connection to the peer's port, the link's Noise handshake and key check, then the
 * messages of wire/file-frames.ts). Ours are read from where they are, piece by piece,
 * for the peers they were offered to; theirs are fetched by file-fetch.ts.
 */
export class DirectFiles implements DirectFilesPort {
  private readonly shared = new Map<string, Shared>();

  constructor(
    private readonly streamTo: StreamTo,
    private readonly offered: DirectFileOffered,
  ) {}

  async share(path: string, maxBytes: number): Promise<FileOffer> {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    if (info.size > maxBytes)
      throw Object.assign(new Error(`${info.size} bytes is over file-max (${maxBytes})`), {
        code: 'E_FILE_TOO_LARGE',
      });
    if (this.shared.size >= LIMITS.maxDirectShares)
      throw new Error(`${LIMITS.maxDirectShares} files offered already: /cancel one`);
    const { hashes, hash, size } = await hashPieces(path, pieceBytes(info.size));
    const offer: FileOffer = {
      name: basename(path),
      size,
      hash,
      core: piecesRoot(hashes.map((h) => Buffer.from(h, 'hex'))),
      block: pieceBytes(info.size),
    };
    const { mtimeMs } = info;
    this.shared.set(offer.core, {
      path,
      offer,
      hashes,
      mtimeMs,
      to: new Set(),
      sent: 0,
      fetching: 0,
    });
    return offer;
  }

  reshare(path: string, offer: FileOffer, to: string[]): boolean {
    if (this.shared.size >= LIMITS.maxDirectShares) return false;
    // Hashed again at the first fetch: a file changed since is refused then.
    const shared = { path, offer, hashes: [], mtimeMs: 0, to: new Set(to), sent: 0, fetching: 0 };
    this.shared.set(offer.core, shared);
    return true;
  }

  async offer(target: Address, offer: FileOffer): Promise<{ ok: true } | Refusal> {
    const shared = this.shared.get(offer.core);
    if (!shared) return { ok: false, code: 'E_FILE_GONE', message: 'not offered any more' };
    const { stream } = await this.streamTo(target);
    try {
      shared.to.add(target.key);
      stream.write(controlFrame({ t: 'offer', offer }));
      const answer = await firstControl(stream);
      if (answer?.t === 'ok') return { ok: true };
      if (answer?.t === 'no') return { ok: false, code: answer.code, message: answer.message };
      return { ok: false, code: 'E_FILE_FRAME', message: 'no answer to the offer' };
    } finally {
      stream.destroy();
    }
  }

  fetch(target: Address, offer: FileOffer, partial: string, progress: FileProgress): FileFetch {
    return fetchFile(async () => (await this.streamTo(target)).stream, offer, partial, progress);
  }

  uploads(core: string): { bytes: number; peers: number } | null {
    const shared = this.shared.get(core);
    return shared ? { bytes: shared.sent, peers: shared.fetching } : null;
  }

  unshare(core: string): void {
    this.shared.delete(core);
  }

  /** A files connection a peer opened, its key checked against `claimed`'s pin. */
  accept(stream: SecretStream, claimed: Address, remoteKey: string): void {
    let linger = setTimeout(() => stream.destroy(), LINGER_MS);
    stream.on('close', () => clearTimeout(linger));
    firstControl(stream)
      .then(async (message) => {
        if (message?.t === 'offer') {
          const answer = this.offered(claimed, remoteKey, message.offer);
          // The sender waits for this answer, then closes: writing it loses nothing.
          stream.write(controlFrame(answer.ok ? { t: 'ok' } : { t: 'no', ...answer }));
          return;
        }
        if (message?.t === 'get') {
          clearTimeout(linger);
          await this.serve(stream, claimed.key, message.core, message.from);
          // The receiver closes once it has read everything: an end from us could close
          // the connection under pieces it has not read yet.
          if (!stream.destroyed) linger = setTimeout(() => stream.destroy(), LINGER_MS);
          return;
        }
        stream.destroy();
      })
      .catch(() => stream.destroy());
  }

  /** The hash list, then the pieces from `from` on, as fast as the peer reads them. */
  private async serve(stream: SecretStream, peer: string, core: string, from: number) {
    const shared = this.shared.get(core);
    const refuse = (code: string, message: string): void => {
      stream.write(controlFrame({ t: 'no', code, message }));
    };
    if (!shared || !shared.to.has(peer)) return refuse('E_FILE_GONE', 'not offered to you');
    const { offer, path } = shared;
    const info = await stat(path).catch(() => null);
    if (!info || info.size !== offer.size) return refuse('E_FILE_CHANGED', 'the file changed');
    if (shared.hashes.length === 0 || info.mtimeMs !== shared.mtimeMs) {
      // Hashed again (after a restart, or touched since): sent only if it is the same.
      const again = await hashPieces(path, offer.block);
      if (again.hash !== offer.hash) return refuse('E_FILE_CHANGED', 'the file changed');
      shared.hashes = again.hashes;
      shared.mtimeMs = info.mtimeMs;
    }
    stream.write(controlFrame({ t: 'pieces', hashes: shared.hashes }));
    shared.fetching += 1;
    const file = await open(path, 'r');
    try {
      for (let index = from; index < blockCount(offer) && !stream.destroyed; index += 1) {
        // Read straight into the frame: a piece is never copied on our side.
        const length = Math.min(offer.block, offer.size - index * offer.block);
        const frame = pieceFrame(index, length);
        await file.read(frame, PIECE_HEAD, length, index * offer.block);
        shared.sent += length;
        if (!stream.write(frame)) await drained(stream);
      }
    } finally {
      shared.fetching -= 1;
      await file.close();
    }
  }
}

/** The first message of a files connection, if it is a control message. */
function firstControl(stream: SecretStream): Promise<FileControl | null> {
  return new Promise((resolve) => {
    const onData = (frame: Buffer): void => {
      stream.off('close', onClose);
      const parsed = parseFileFrame(frame);
      resolve(parsed.kind === 'control' ? parsed.message : null);
    };
    const onClose = (): void => {
      stream.off('data', onData);
      resolve(null);
    };
    stream.once('data', onData);
    stream.once('close', onClose);
  });
}

function drained(stream: SecretStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** A file's pieces' BLAKE2b-256 and the whole content's, in one read. */
async function hashPieces(
  path: string,
  piece: number,
): Promise<{ hashes: string[]; hash: string; size: number }> {
  const content = new ContentHash();
  const hashes: string[] = [];
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    const bytes = Buffer.concat(pending);
    hashes.push(blake2b(bytes.subarray(0, piece)).toString('hex'));
    const rest = bytes.subarray(piece);
    pending = rest.length > 0 ? [rest] : [];
    pendingBytes = rest.length;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: piece })) {
    const bytes = chunk as Buffer;
    content.update(bytes);
    size += bytes.length;
    pending.push(bytes);
    pendingBytes += bytes.length;
    while (pendingBytes >= piece) flush();
  }
  if (pendingBytes > 0) hashes.push(blake2b(Buffer.concat(pending)).toString('hex'));
  return { hashes, hash: content.hex(), size };
}
