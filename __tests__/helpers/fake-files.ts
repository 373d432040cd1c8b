import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import { crypto_generichash } from 'sodium-universal';
import type { FileOffer } from '../../src/wire/file-offer';
import type {
  DirectFilesPort,
  FileFetch,
  FileProgress,
  Refusal,
  RoomFilesPort,
} from '../../src/node/files/file-transport';
import type { Address } from '../../src/wire/address';

export const blakeHex = (content: Buffer): string => {
  const out = Buffer.alloc(32);
  crypto_generichash(out, content);
  return out.toString('hex');
};

/**
 * A room's files played in memory: a share keeps the content by a made-up core key; a
 * fetch writes it in `chunk`-byte steps, one a turn, each after `gate()` resolves (a test
 * holds a transfer there). `served` is what a fetch would get (a liar's bytes, for one).
 */
export class FakeFiles implements RoomFilesPort {
  readonly content = new Map<string, Buffer>();
  readonly held = new Set<string>();
  fetched = 0;
  gate: () => Promise<void> = () => Promise.resolve();

  constructor(private readonly chunk = 1024) {}

  async share(_room: string, path: string, maxBytes: number): Promise<FileOffer> {
    const bytes = readFileSync(path);
    if (bytes.length > maxBytes)
      throw Object.assign(new Error('over file-max'), { code: 'E_FILE_TOO_LARGE' });
    return this.offer(basename(path), bytes);
  }

  /** An offer of `bytes` under any name, as a member's log could carry it. */
  offer(name: string, bytes: Buffer, block = 1024): FileOffer {
    const core = blakeHex(
      Buffer.concat([Buffer.from(name), bytes, Buffer.from([this.content.size])]),
    );
    this.content.set(core, bytes);
    return { name, size: bytes.length, hash: blakeHex(bytes), core, block };
  }

  hold(_room: string, offer: FileOffer): boolean {
    this.held.add(offer.core);
    return true;
  }

  fetch(_room: string, offer: FileOffer, partial: string, progress: FileProgress): FileFetch {
    let stopped = false;
    this.held.add(offer.core);
    const done = (async () => {
      const bytes = this.content.get(offer.core) ?? Buffer.alloc(0);
      await Promise.resolve();
      writeFileSync(partial, '');
      for (let at = 0; at < bytes.length; at += this.chunk) {
        await this.gate();
        if (stopped) throw new Error('cancelled');
        const piece = bytes.subarray(at, at + this.chunk);
        appendFileSync(partial, piece);
        this.fetched += piece.length;
        progress({ have: at + piece.length, received: at + piece.length, peers: 1 });
      }
      return blakeHex(readFileSync(partial));
    })();
    return { done, stop: () => (stopped = true) };
  }

  uploads(): { bytes: number; peers: number } | null {
    return null;
  }

  async release(core: string): Promise<void> {
    this.held.delete(core);
  }
}

/** Files between two peer-tui played by the same memory: offers recorded, fetches as above. */
export class FakeDirect implements DirectFilesPort {
  readonly offered: { to: string; offer: FileOffer }[] = [];
  readonly reshared: string[] = [];
  refuse: Refusal | null = null;

  constructor(private readonly files: FakeFiles) {}

  share(path: string, maxBytes: number): Promise<FileOffer> {
    return this.files.share('', path, maxBytes);
  }

  reshare(_path: string, offer: FileOffer): boolean {
    this.reshared.push(offer.core);
    return true;
  }

  async offer(target: Address, offer: FileOffer): Promise<{ ok: true } | Refusal> {
    if (this.refuse) return this.refuse;
    this.offered.push({ to: target.key, offer });
    return { ok: true };
  }

  fetch(_target: Address, offer: FileOffer, partial: string, progress: FileProgress): FileFetch {
    return this.files.fetch('', offer, partial, progress);
  }

  uploads(): null {
    return null;
  }

  unshare(): void {}
}
