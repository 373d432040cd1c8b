import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killAll, startCli } from '../helpers/cli';
import { killScreens, startScreen } from '../helpers/pty';

// A file on the screen (issue 23): its offer in the peer's view, its name shown visibly,
// the bar on the status line while it comes, where it was saved.

afterEach(() => {
  killScreens();
  killAll();
});

it('an offer shows its name with controls visible; /accept fills a bar on the status line, then says where it was saved', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'peer-tui-screen-files-'));
  const downloads = join(folder, 'downloads');
  const name = 'evil\u001b[31m\u202Etxt.bin';
  const path = join(folder, name);
  writeFileSync(path, randomBytes(96 * 1024 * 1024));
  const amyPort = await freePort();
  const screen = startScreen(
    ['--name', 'amy', '--port', String(amyPort), '--host', '127.0.0.1', '--downloads', downloads],
    100,
    30,
  );
  await screen.waitFor('amy 127.0.0.1');
  const bob = startCli([
    ...['--headless', '--name', 'bob', '--port', String(await freePort()), '--host', '127.0.0.1'],
    ...['--data-dir', join(folder, 'bob')],
  ]);
  await bob.waitFor('listening');
  bob.write(`/send 127.0.0.1:${amyPort} hello amy\n`);
  await screen.waitFor('hello amy');
  await bob.waitFor(/sent|delivered/, 10_000);

  bob.write(`/file 127.0.0.1:${amyPort} ${path}\n`);
  await screen.waitFor('/accept 1 or /decline 1', 20_000);
  // The line wraps in the log: its parts are read apart.
  expect(screen.text()).toContain('(bob) offers you');
  expect(screen.text()).toContain('evil^[[31m<U+202E>txt.bin (96.0 MiB, content');
  expect(screen.raw()).not.toContain('\u001b[31m\u202E');

  screen.type('/accept 1\r');
  await screen.waitFor(() => /\[file 1 #*-* \d+%\]/.test(screen.rows().at(-1) ?? ''), 20_000);
  await screen.waitFor('file 1 saved:', 60_000);
  expect(readdirSync(downloads)).toEqual(['evil[31mtxt.bin']);
  // The bar is gone once it is saved.
  await screen.waitFor(() => !(screen.rows().at(-1) ?? '').includes('[file 1'), 5000);
}, 120_000);
