import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completesPath, pathCompletions } from '../../src/app/path-completion';
import { InputLine } from '../../src/screen/model/input-line';
import { completions } from '../../src/app/completion';

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-paths-'));
  mkdirSync(join(dir, 'Documents'));
  mkdirSync(join(dir, 'Downloads'));
  writeFileSync(join(dir, 'Documents', 'report.pdf'), '');
  writeFileSync(join(dir, 'Documents', 'report two.txt'), '');
  writeFileSync(join(dir, '.bashrc'), '');
  return dir;
}

describe('Tab on a path', () => {
  it("offers a folder's entries by the part typed, folders with a slash, ~ kept as typed", () => {
    const dir = home();
    expect(pathCompletions('~/Do', dir)).toEqual(['~/Documents/', '~/Downloads/']);
    expect(pathCompletions('~/Documents/rep', dir)).toEqual([
      '~/Documents/report two.txt',
      '~/Documents/report.pdf',
    ]);
    expect(pathCompletions(`${dir}/Doc`)).toEqual([`${dir}/Documents/`]);
    expect(pathCompletions('~/nowhere/x', dir)).toEqual([]);
  });

  it('shows hidden entries only when the part typed starts with a dot', () => {
    const dir = home();
    expect(pathCompletions('~/', dir)).toEqual(['~/Documents/', '~/Downloads/']);
    expect(pathCompletions('~/.b', dir)).toEqual(['~/.bashrc']);
  });

  it("completes /file's path, not its target, and a folder leaves the cursor after its slash", () => {
    const dir = home();
    expect(completesPath('/file #room ')).toBe(true);
    expect(completesPath('/file ')).toBe(false);
    expect(completesPath('/send #room ')).toBe(false);
    const input = new InputLine();
    for (const char of `/file #room ${dir}/Docu`) input.insert(char);
    input.complete((word, first, before) =>
      completesPath(before) ? pathCompletions(word) : completions(word, first, []),
    );
    expect(input.text).toBe(`/file #room ${dir}/Documents/`);
    input.complete((word, first, before) =>
      completesPath(before) ? pathCompletions(word) : completions(word, first, []),
    );
    expect(input.text).toBe(`/file #room ${dir}/Documents/report two.txt `);
  });
});
