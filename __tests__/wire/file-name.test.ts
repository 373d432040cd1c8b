import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { MAX_FILE_NAME_BYTES, numberedName, safeFileName } from '../../src/wire/file-name';

const DOWNLOADS = '/home/me/Downloads';
/** Whether a name joined to the folder names a file directly inside it. */
const inside = (name: string): boolean => {
  const path = relative(DOWNLOADS, join(DOWNLOADS, name));
  return path !== '' && !path.startsWith('..') && !path.includes(sep);
};

describe('an offered file name, made safe to save', () => {
  it('keeps only the last segment, drops what hides or reorders, never a dot file', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('/abs/x')).toBe('x');
    expect(safeFileName('C:\\Users\\me\\y.txt')).toBe('y.txt');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('a\u202Etxt.exe')).toBe('atxt.exe');
    expect(safeFileName('bell\u0007\u001b[31m.txt')).toBe('bell[31m.txt');
    expect(safeFileName('')).toBe('file');
    expect(safeFileName('nul.txt')).toBe('_nul.txt');
    expect(safeFileName('notes from class.md')).toBe('notes from class.md');
  });

  it('cuts a name of 10,000 characters to 255 bytes, its extension kept', () => {
    const name = safeFileName(`${'é'.repeat(10_000)}.tar.gz`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name.endsWith('.gz')).toBe(true);
    expect(name.startsWith('éé')).toBe(true);
  });

  it('for any text: a non-empty name of at most 255 bytes, directly inside the folder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (offered) => {
        const name = safeFileName(offered);
        expect(name.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        expect(name.startsWith('.')).toBe(false);
        expect(/[/\\\u0000-\u001f\u007f\u202e]/u.test(name)).toBe(false);
        expect(inside(name)).toBe(true);
        expect(safeFileName(name)).toBe(name); // safe names stay as they are
      }),
    );
  });
});

describe('a name already taken', () => {
  it('is numbered before its extension, and still fits', () => {
    expect(numberedName('report.pdf', 0)).toBe('report.pdf');
    expect(numberedName('report.pdf', 1)).toBe('report (1).pdf');
    expect(numberedName('README', 2)).toBe('README (2)');
    const long = safeFileName(`${'x'.repeat(300)}.txt`);
    const second = numberedName(long, 12);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(second.endsWith(' (12).txt')).toBe(true);
  });
});
