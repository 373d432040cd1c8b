import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crypto_generichash } from 'sodium-universal';
import { completeDownload, freeBytes, hashFile, reserveDownload } from '../../src/store/downloads';

const blake = (content: Buffer): Buffer => {
  const out = Buffer.alloc(32);
  crypto_generichash(out, content);
  return out;
};

function folders(): { root: string; downloads: string } {
  const root = mkdtempSync(join(tmpdir(), 'peer-tui-downloads-'));
  const downloads = join(root, 'Downloads');
  mkdirSync(downloads);
  writeFileSync(join(root, 'passwd'), 'untouched');
  return { root, downloads };
}

describe('a download reserved under the downloads folder', () => {
  it('is directly inside it whatever the offered name, and touches nothing else', async () => {
    const { root, downloads } = folders();
    const hostile = ['../../etc/passwd', '/abs/x', '.bashrc', 'a\u202Etxt.exe', 'é'.repeat(10_000)];
    for (const name of hostile) {
      const { final, partial } = await reserveDownload(downloads, name);
      expect(dirname(final)).toBe(downloads);
      expect(partial).toBe(`${final}.part`);
    }
    expect(readdirSync(root).sort()).toEqual(['Downloads', 'passwd']);
    expect(readFileSync(join(root, 'passwd'), 'utf8')).toBe('untouched');
    // Only the partial files exist, empty: nothing under a final name before it is verified.
    expect(readdirSync(downloads).every((name) => name.endsWith('.part'))).toBe(true);
  });

  it('never takes a name in use, by a file or by another transfer', async () => {
    const { downloads } = folders();
    writeFileSync(join(downloads, 'notes.txt'), 'mine');
    const first = await reserveDownload(downloads, 'notes.txt');
    const second = await reserveDownload(downloads, 'notes.txt');
    expect(first.final).toBe(join(downloads, 'notes (1).txt'));
    expect(second.final).toBe(join(downloads, 'notes (2).txt'));
  });
});

describe('a download completed', () => {
  it('appears under its name only when its content matches the hash, the partial gone', async () => {
    const { downloads } = folders();
    const content = Buffer.from('the whole file');
    const download = await reserveDownload(downloads, 'report.pdf');
    writeFileSync(download.partial, content.subarray(0, 5));
    expect(await completeDownload(download, blake(content))).toEqual({
      ok: false,
      code: 'E_FILE_HASH',
    });
    expect(readdirSync(downloads)).toEqual(['report.pdf.part']);
    writeFileSync(download.partial, content);
    expect(await completeDownload(download, blake(content))).toEqual({
      ok: true,
      path: download.final,
    });
    expect(readdirSync(downloads)).toEqual(['report.pdf']);
    expect(readFileSync(download.final)).toEqual(content);
  });

  it('never overwrites a file that appeared under its name meanwhile', async () => {
    const { downloads } = folders();
    const download = await reserveDownload(downloads, 'a.txt');
    writeFileSync(download.partial, 'theirs');
    writeFileSync(download.final, 'mine, made meanwhile');
    const done = await completeDownload(download, blake(Buffer.from('theirs')));
    expect(done).toEqual({ ok: true, path: join(downloads, 'a (1).txt') });
    expect(readFileSync(join(downloads, 'a.txt'), 'utf8')).toBe('mine, made meanwhile');
  });

  it('hashes a file as a stream, the same as in one piece; knows the space left', async () => {
    const { downloads } = folders();
    const content = Buffer.alloc(3 * 65_536 + 17, 7);
    writeFileSync(join(downloads, 'big'), content);
    expect(await hashFile(join(downloads, 'big'))).toEqual(blake(content));
    expect(await freeBytes(downloads)).toBeGreaterThan(0);
  });
});
