import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../helpers/cli';
import { closeAll, sendRaw, startCollector } from '../helpers/net';
import { killScreens, startScreen } from '../helpers/pty';

// The README's picture of the screen is the real program's: this test makes it from a
// scripted conversation and compares. `UPDATE_README=1 npx jest readme-picture` rewrites it.

afterEach(async () => {
  killScreens();
  await closeAll();
});

const README = path.join(__dirname, '..', '..', 'README.md');
const BEGIN = '<!-- screen: made by __tests__/ui/readme-picture.test.ts -->';

/**
 * What differs from run to run: the clock and ports become zeros (ephemeral ports are
 * always five digits, so columns stay put), and the traffic bars one bar.
 */
function normalised(picture: string): string {
  return picture
    .replace(/[0-9]/g, '0')
    .replace(/[▁▂▃▄▅▆▇█]+/g, '▁')
    .split('\n')
    .map((row) => row.trimEnd())
    .join('\n');
}

function readmePicture(): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(BEGIN);
  if (start === -1) throw new Error(`README.md has no ${BEGIN}`);
  const open = text.indexOf('```\n', start) + 4;
  return text.slice(open, text.indexOf('\n```', open));
}

it("the README's picture is what the program shows", async () => {
  const port = await freePort();
  const screen = startScreen(
    ['--name', 'blockchain', '--port', String(port), '--host', '127.0.0.1'],
    100,
    28,
  );
  await screen.waitFor(`Server listening on port ${port}`);
  const alice = await startCollector();
  const bob = await startCollector();
  const carol = await startCollector();
  const say = async (from: number, name: string, text: string): Promise<void> => {
    await sendRaw(port, [`127.0.0.1:${from} ${name} ${text}\n`]);
    await screen.waitFor(text.slice(0, 20));
  };
  await say(alice.port, 'alice', 'hi! I am alice. Tab completes commands, names and addresses.');
  await say(bob.port, 'bob', 'morning all');
  await say(carol.port, 'carol', 'carol here: Enter on me in the peer panel opens our view');
  screen.type('/send alice good morning!\r');
  await screen.waitFor('good morning! (sent)');
  await say(alice.port, 'alice', 'alice heard you: "good morning!"');
  await sendRaw(port, [`127.0.0.1:${carol.port} carol exit\n`]);
  await screen.waitFor('(carol) disconnected');
  screen.type('/me waves');
  await screen.waitFor('/me waves');
  const picture = screen.rows().join('\n');
  if (process.env.UPDATE_README === '1') {
    const text = readFileSync(README, 'utf8');
    const old = readmePicture();
    writeFileSync(
      README,
      text.replace(
        old,
        picture
          .split('\n')
          .map((r) => r.trimEnd())
          .join('\n'),
      ),
    );
  }
  expect(normalised(readmePicture())).toBe(normalised(picture));
}, 30_000);
