import { createReadStream } from 'node:fs';
import { link, mkdir, open, stat, statfs, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ContentHash } from '../wire/file-frames';
import { MAX_FILE_NAME_BYTES, numberedName, safeFileName } from '../wire/file-name';
import type { DownloadsPort } from '../node/files/file-transport';

/** Names tried before giving up on a folder full of the same name. */
const MAX_NUMBERED = 1000;
/** Added to a name while its content is not verified yet. */
const PARTIAL = '.part';
/** A final name leaves room for its partial file's suffix. */
const NAME_BYTES = MAX_FILE_NAME_BYTES - PARTIAL.length;

/** A file being received: written to `partial`, shown under `final` only once verified. */
export type { Download } from '../node/files/file-transport';
import type { Download } from '../node/files/file-transport';

/** The downloads folder as the node uses it (made when the first file is accepted). */
export function downloadsFolder(dir: string): DownloadsPort {
  return {
    reserve: async (offered) => {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return reserveDownload(dir, offered);
    },
    complete: async (download) => {
      const done = await completeDownload(download);
      if (!done.ok) throw new Error('not verified');
      return { path: done.path };
    },
    discard: (download) => unlink(download.partial).catch(() => undefined),
    free: async () => {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return freeBytes(dir);
    },
  };
}

export type Completed = { ok: true; path: string } | { ok: false; code: 'E_FILE_HASH' };

/**
 * Claims a name for an offered file in `dir` (issue 23): made safe (wire/file-name.ts),
 * numbered while the name or its partial file is taken, the partial file created
 * exclusively so two transfers never share one. Nothing else is written.
 */
export async function reserveDownload(dir: string, offered: string): Promise<Download> {
  const safe = safeFileName(offered, NAME_BYTES);
  for (let n = 0; n < MAX_NUMBERED; n += 1) {
    const final = join(dir, numberedName(safe, n, NAME_BYTES));
    const partial = `${final}${PARTIAL}`;
    if (await exists(final)) continue;
    try {
      await (await open(partial, 'wx', 0o600)).close();
      return { final, partial };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${MAX_NUMBERED} files named like ${safe} already: choose another folder`);
}

/**
 * The partial file made final, when its content's BLAKE2b-256 is `hash` (read again from
 * disk; without it, the caller hashed the bytes as it wrote them): linked to the final
 * name (which fails rather than overwrite a file that appeared meanwhile: the next free
 * number is taken then) and the partial removed. A mismatch leaves it in place.
 */
export async function completeDownload(download: Download, hash?: Buffer): Promise<Completed> {
  if (hash && !hash.equals(await hashFile(download.partial)))
    return { ok: false, code: 'E_FILE_HASH' };
  for (let n = 0; n < MAX_NUMBERED; n += 1) {
    const path = n === 0 ? download.final : numberedSibling(download.final, n);
    try {
      await link(download.partial, path);
      await unlink(download.partial);
      return { ok: true, path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`no free name beside ${download.final}`);
}

/** BLAKE2b-256 of a file, read as a stream (a file of gigabytes is never held whole). */
export async function hashFile(path: string): Promise<Buffer> {
  const content = new ContentHash();
  for await (const chunk of createReadStream(path)) content.update(chunk as Buffer);
  return Buffer.from(content.hex(), 'hex');
}

/** Bytes free for us in the folder's file system (checked before accepting an offer). */
export async function freeBytes(dir: string): Promise<number> {
  const { bavail, bsize } = await statfs(dir);
  return bavail * bsize;
}

function numberedSibling(final: string, n: number): string {
  return join(dirname(final), numberedName(basename(final), n, NAME_BYTES));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
