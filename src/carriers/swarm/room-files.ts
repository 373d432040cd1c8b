import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type Corestore from 'corestore';
import type Hypercore from 'hypercore';
import { blockCount, type FileOffer } from '../../wire/file-offer';
import { ContentHash } from '../../wire/file-frames';
import { LIMITS } from '../../wire/limits';
import type { FileFetch, FileProgress, RoomFilesPort } from '../../node/files/file-transport';

/** Blocks appended at once while a file is read in. */
const APPEND_BATCH = 16;

/** A file core kept open: served over its room's connections while here. */
interface Held {
  /** Its room's name, or `@KEY` for a file between us and one member. */
  room: string;
  core: Hypercore;
  uploaded: number;
}

/**
 * Files in rooms (issue 23): each one a Hypercore in the rooms' Corestore, signed by its
 * sender, replicated over the connections that proved its room, so every member holding
 * blocks serves them (the sender may have left). A fetch writes the blocks in order to a
 * partial file; what a run verified stays in the Corestore, so the next one starts there.
 */
export class RoomFiles implements RoomFilesPort {
  private readonly held = new Map<string, Held>();
  private readonly streams = new Map<string, Set<unknown>>();

  constructor(private readonly store: Corestore) {}

  async share(room: string, path: string, maxBytes: number): Promise<FileOffer> {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    if (info.size > maxBytes)
      throw Object.assign(new Error(`${info.size} bytes is over file-max (${maxBytes})`), {
        code: 'E_FILE_TOO_LARGE',
      });
    const core = this.store.get({ name: `file ${randomBytes(16).toString('hex')}` });
    await core.ready();
    const hash = await appendFile(core, path, LIMITS.fileBlockBytes).catch(async (error) => {
      await core.close();
      throw error;
    });
    const offer: FileOffer = {
      name: basename(path),
      size: core.byteLength,
      hash,
      core: core.key.toString('hex'),
      block: LIMITS.fileBlockBytes,
    };
    this.keep(room, offer.core, core);
    return offer;
  }

  hold(room: string, offer: FileOffer): boolean {
    if (this.held.has(offer.core)) return true;
    if (this.held.size >= LIMITS.maxHeldFiles) return false;
    this.keep(room, offer.core, this.store.get({ key: Buffer.from(offer.core, 'hex') }));
    return true;
  }

  fetch(room: string, offer: FileOffer, partial: string, progress: FileProgress): FileFetch {
    if (!this.hold(room, offer)) {
      const error = new Error(`${LIMITS.maxHeldFiles} files held already: /cancel one`);
      const failed = Promise.reject(Object.assign(error, { code: 'E_FILE_HELD' }));
      return { done: failed, stop: () => undefined };
    }
    // Its own session: stopping closes it, which ends a wait for a block nobody has.
    const core = (this.held.get(offer.core) as Held).core.session();
    let stopped = false;
    let received = 0;
    const onDownload = (_index: number, bytes: number): void => {
      received += bytes;
    };
    core.on('download', onDownload);
    const done = (async () => {
      await core.ready();
      const blocks = blockCount(offer);
      // Every block asked for at once, from whoever has it; written below in order.
      const range = blocks > 0 ? core.download({ start: 0, end: blocks }) : null;
      const out = createWriteStream(partial, { flags: 'w' });
      out.on('error', () => undefined); // awaited below
      const content = new ContentHash();
      try {
        let have = 0;
        for (let index = 0; index < blocks && !stopped; index += 1) {
          const block = await core.get(index);
          const expected = Math.min(offer.block, offer.size - index * offer.block);
          if (!block || block.length !== expected)
            throw new Error(`block ${index} is ${block?.length ?? 0} bytes, not ${expected}`);
          have += block.length;
          content.update(block);
          if (!out.write(block)) await drained(out);
          progress({ have, received, peers: core.peers.length });
        }
      } finally {
        range?.destroy();
        core.off('download', onDownload);
        out.end();
        await once(out, 'close');
        await core.close();
      }
      if (stopped) throw new Error('cancelled');
      return content.hex();
    })();
    return {
      done,
      stop: () => {
        stopped = true;
        core.close().catch(() => undefined);
      },
    };
  }

  uploads(core: string): { bytes: number; peers: number } | null {
    const held = this.held.get(core);
    return held ? { bytes: held.uploaded, peers: held.core.peers.length } : null;
  }

  async release(core: string): Promise<void> {
    const held = this.held.get(core);
    if (!held) return;
    this.held.delete(core);
    // A member's file is nobody else's to serve: its blocks leave the store (the saved
    // file, or the sender's own, is what stays).
    if (held.room.startsWith('@'))
      await held.core.clear(0, held.core.length).catch(() => undefined);
    await held.core.close();
  }

  /** A connection proved `room`: its files go over it too. */
  attach(room: string, stream: unknown): void {
    const streams = this.streams.get(room) ?? new Set();
    this.streams.set(room, streams);
    if (streams.has(stream)) return;
    streams.add(stream);
    for (const held of this.held.values()) if (held.room === room) held.core.replicate(stream);
  }

  detach(stream: unknown): void {
    // A member's place goes with its last connection: keys met once do not pile up.
    for (const [place, streams] of this.streams) {
      streams.delete(stream);
      if (streams.size === 0) this.streams.delete(place);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.held.keys()].map((core) => this.release(core)));
  }

  private keep(room: string, key: string, core: Hypercore): void {
    const held: Held = { room, core, uploaded: 0 };
    core.on('upload', (_index: number, bytes: number) => {
      held.uploaded += bytes;
    });
    this.held.set(key, held);
    for (const stream of this.streams.get(room) ?? []) core.replicate(stream);
  }
}

/** Reads a file into a core, block by block; its BLAKE2b-256, in hex. */
async function appendFile(core: Hypercore, path: string, blockBytes: number): Promise<string> {
  const content = new ContentHash();
  let batch: Buffer[] = [];
  let tail: Buffer = Buffer.alloc(0);
  // Every block full but the last: a reader works out each block's length from the size.
  for await (const chunk of createReadStream(path, { highWaterMark: blockBytes })) {
    content.update(chunk as Buffer);
    let bytes = tail.length > 0 ? Buffer.concat([tail, chunk as Buffer]) : (chunk as Buffer);
    while (bytes.length >= blockBytes) {
      batch.push(bytes.subarray(0, blockBytes));
      bytes = bytes.subarray(blockBytes);
    }
    tail = bytes;
    if (batch.length >= APPEND_BATCH) {
      await core.append(batch);
      batch = [];
    }
  }
  if (tail.length > 0) batch.push(tail);
  if (batch.length > 0) await core.append(batch);
  return content.hex();
}

function drained(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      out.off('drain', onDrain);
      reject(error);
    };
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
