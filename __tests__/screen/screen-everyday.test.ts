import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeAll, sendRaw, startCollector } from '../helpers/net';
import { freePort, killAll, startCli } from '../helpers/cli';
import { killScreens, startScreen, type Screen, type ScreenOptions } from '../helpers/pty';

// The defects a newcomer meets in the first minutes (issue 18), each on the real program.

afterEach(async () => {
  killScreens();
  killAll();
  await closeAll();
});

const ESC = '\u001b';
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function started(
  args: string[] = [],
  cols = 120,
  rows = 30,
  options: ScreenOptions = {},
): Promise<{ screen: Screen; port: number }> {
  const port = await freePort();
  const screen = startScreen(
    ['--name', 'blockchain', '--port', String(port), ...args],
    cols,
    rows,
    options,
  );
  await screen.waitFor(
    () =>
      screen.text().includes('Server listening on port') && screen.text().includes(String(port)),
  );
  return { screen, port };
}

/** A screen whose plain text goes to a collector. */
async function targeting(args: string[] = []) {
  const { screen, port } = await started(args);
  const peer = await startCollector({ ignoreConnects: true });
  screen.type(`/to 127.0.0.1:${peer.port}\r`);
  await screen.waitFor('plain text now goes to');
  return { screen, port, peer };
}

const texts = (seen: { bytes: string }[]): string[] =>
  seen.map((c) => c.bytes.split(' ').slice(2).join(' '));

describe('typing and pasting', () => {
  it('Enter sends the line as one message with the cursor mid-line', async () => {
    const { screen, peer } = await targeting();
    screen.type('world');
    await pause(50);
    screen.type(`${ESC}[H`); // Home
    await pause(50);
    screen.type('hello ');
    await pause(50);
    screen.type('\r');
    const seen = await peer.waitFor(1);
    expect(texts(seen)).toEqual(['hello world']);
    // A typo mended mid-line: "tp|yo", Backspace, Right, the letter, Enter.
    screen.type('tpyo');
    await pause(50);
    for (const key of [`${ESC}[D`, `${ESC}[D`, '\u007f', `${ESC}[C`, 'p']) {
      screen.type(key);
      await pause(30);
    }
    screen.type('\r');
    const both = await peer.waitFor(2);
    expect(texts(both)).toEqual(['hello world', 'typo']);
    expect(screen.text()).not.toContain('Paste of');
  });

  it('a bracketed paste of several lines asks first; one line is put in the input', async () => {
    const { screen, peer } = await targeting();
    expect(screen.raw()).toContain('\u001b[?2004h');
    screen.type(`${ESC}[200~one\rtwo${ESC}[201~`);
    await screen.waitFor('> one^Jtwo');
    screen.type('\r');
    await screen.waitFor('Paste of 2 lines');
    expect(peer.connections).toHaveLength(0);
    screen.type('y');
    expect(texts(await peer.waitFor(2))).toEqual(['one', 'two']);
    screen.type(`${ESC}[200~pasted words${ESC}[201~`);
    await screen.waitFor('> pasted words');
    expect(peer.connections).toHaveLength(2);
  });

  it('a newline followed by more text in one read is a paste, typing never is', async () => {
    const { screen, peer } = await targeting();
    screen.type('alpha\rbeta\r');
    await screen.waitFor('Paste of 2 lines');
    screen.type('n');
    await screen.waitFor('> alpha^Jbeta');
    expect(peer.connections).toHaveLength(0);
  });
});

describe('keys outside the input', () => {
  it('typing after Escape goes to the input; q asks before quitting', async () => {
    const { screen, peer } = await targeting();
    screen.type(ESC);
    await pause(150);
    screen.type('hi');
    await screen.waitFor('> hi');
    screen.type('\r');
    expect(texts(await peer.waitFor(1))).toEqual(['hi']);
    screen.type(ESC);
    await pause(150);
    screen.type('q');
    await screen.waitFor('quit? (y/n)');
    screen.type('u');
    await screen.waitFor('> qu');
    screen.type('ick question\r');
    expect(texts(await peer.waitFor(2))).toEqual(['hi', 'quick question']);
    screen.type(ESC);
    await pause(150);
    screen.type('q');
    await screen.waitFor('quit? (y/n)');
    screen.type('y');
    expect(await screen.exited).toBe(0);
  });

  it('Tab shows its candidates over the input, not in the log', async () => {
    const { screen } = await started();
    screen.type('/fi\t');
    await screen.waitFor(/─ \/filter \/fingerprint \/file \/files ─/);
    screen.type('\t');
    await pause(200);
    expect(screen.text()).not.toContain('completions:');
    screen.type('x');
    await screen.waitFor(() => !/─ \/filter \/fingerprint \/file \/files ─/.test(screen.text()));
  });

  it('edits by word and to the end, and Ctrl-R finds an earlier line', async () => {
    const { screen, peer } = await targeting();
    screen.type('first line here\r');
    await peer.waitFor(1);
    screen.type('one two three');
    await pause(50);
    screen.type(`${ESC}b`); // Alt-B: before "three"
    await pause(50);
    screen.type(`${ESC}[1;5D`); // Ctrl-Left: before "two"
    await pause(50);
    screen.type('\u000b'); // Ctrl-K
    await screen.waitFor(/> one\s+│/);
    screen.type(`${ESC}\u007f`); // Alt-Backspace
    await screen.waitFor(/>\s+│/);
    screen.type('\u0012'); // Ctrl-R
    await screen.waitFor("(reverse-i-search)'':");
    screen.type('line');
    await screen.waitFor("(reverse-i-search)'line': first line here");
    screen.type('\r');
    expect(texts(await peer.waitFor(2))).toEqual(['first line here', 'first line here']);
  });
});

describe('how it looks', () => {
  it('the log takes most of the width; F2 hides the side panels; wrapped rows hang', async () => {
    const { screen } = await targeting();
    screen.resize(80, 24);
    await screen.waitFor(() => (screen.rows()[23] ?? '').includes('? help'));
    const top = screen.rows()[0] ?? '';
    const logWidth = top.indexOf('┐') + 1;
    expect(logWidth).toBeGreaterThanOrEqual(48);
    expect(logWidth).toBeLessThanOrEqual(56);
    screen.type('a long message that is sure to wrap onto a second row of the log pane here\r');
    await screen.waitFor(/│ {9}\S/);
    screen.type(`${ESC}OQ`); // F2
    await screen.waitFor(() => !screen.text().includes('traffic'));
    expect((screen.rows()[0] ?? '').indexOf('┐')).toBe(79);
  });

  it('--no-panel and timestamp-format', async () => {
    const { screen } = await started(['--no-panel', '--timestamp-format', '[%H:%M]']);
    await screen.waitFor(/│\[\d\d:\d\d\] -!- Server listening/);
    expect(screen.text()).not.toContain('traffic');
  });

  it('asks the terminal for button-event mouse, never any-event; Alt-M releases it', async () => {
    const { screen } = await started();
    expect(screen.raw()).toContain('\u001b[?1002h');
    expect(screen.raw()).not.toContain('\u001b[?1003h');
    const before = screen.raw().length;
    screen.type(`${ESC}m`);
    await screen.waitFor('mouse released');
    expect(screen.raw().slice(before)).toContain('\u001b[?1002l');
  });
});

describe('what WeeChat and irssi users reach for', () => {
  it('a peer by name or alias anywhere, /me, //text, /names, /clear, /window', async () => {
    const { screen, port } = await started();
    const kitty = await startCollector({ ignoreConnects: true });
    const amy = await startCollector({ ignoreConnects: true });
    const { sendRaw } = await import('../helpers/net');
    await sendRaw(port, [`127.0.0.1:${kitty.port} kitty hi`]);
    await sendRaw(port, [`127.0.0.1:${amy.port} amy hello`]);
    await screen.waitFor('amy hello');
    screen.type('/msg KITTY hi kitty\r');
    expect(texts(await kitty.waitFor(1))).toEqual(['hi kitty']);
    screen.type(`/alias 127.0.0.1:${amy.port} teacher\r`);
    await screen.waitFor('=teacher');
    screen.type('/query teacher\r');
    await screen.waitFor('[3:amy]');
    screen.type('/me waves\r');
    await screen.waitFor('* blockchain waves');
    screen.type('//not a command\r');
    expect(texts(await amy.waitFor(2))).toEqual(['* blockchain waves', '/not a command']);
    screen.type('/names\r');
    await screen.waitFor('Connected Peers:');
    screen.type('/clear\r');
    await screen.waitFor(() => !screen.text().includes('Connected Peers:'));
    screen.type('/window 1\r');
    await screen.waitFor('[1:all]');
    await sendRaw(port, [`127.0.0.1:${kitty.port} kitty * kitty purrs`]);
    await screen.waitFor(`* 127.0.0.1:${kitty.port} kitty purrs`);
  });

  it('an ambiguous name lists its peers; localhost:PORT is the address it resolves to', async () => {
    const { screen, port } = await started();
    const { sendRaw } = await import('../helpers/net');
    await sendRaw(port, ['127.0.0.1:9301 twin one']);
    await sendRaw(port, ['127.0.0.1:9302 twin two']);
    await screen.waitFor('twin two');
    screen.type('/msg twin hello\r');
    await screen.waitFor('"twin" names 2 peers:');
    const peer = await startCollector({ ignoreConnects: true });
    screen.type(`/send localhost:${peer.port} via a name\r`);
    expect(texts(await peer.waitFor(1))).toEqual(['via a name']);
    await screen.waitFor(`me -> 127.0.0.1:${peer.port} via a name`);
  });

  it('/set changes a setting at once, /save writes config.toml, /nick renames us', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const config = join(mkdtempSync(join(tmpdir(), 'peer-tui-set-')), 'config.toml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(config, '');
    const { screen } = await started(['--config', config]);
    const peer = await startCollector({ ignoreConnects: true });
    screen.type('/set timestamp-format [%H:%M]\r');
    await screen.waitFor(/\[\d\d:\d\d\] -!- timestamp-format = "\[%H:%M\]"/);
    screen.type('/set bell nope\r');
    await screen.waitFor('bell: true or false');
    screen.type('/nick kitty\r');
    await screen.waitFor('name = "kitty"');
    screen.type(`/send 127.0.0.1:${peer.port} renamed\r`);
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes).toMatch(/^127\.0\.0\.1:\d+ kitty renamed$/);
    const saved = readFileSync(config, 'utf8');
    expect(saved).toContain('name = "kitty"');
    expect(saved).toContain('timestamp-format = "[%H:%M]"');
  });
});

describe('a view opened later', () => {
  it('opens with the recent history of that conversation, marked as history', async () => {
    const { screen, port } = await started();
    const bob = await startCollector({ ignoreConnects: true });
    const { sendRaw } = await import('../helpers/net');
    screen.type(`/send 127.0.0.1:${bob.port} hello bob\r`);
    await screen.waitFor(/hello bob \(sent\)/);
    await sendRaw(port, [`127.0.0.1:${bob.port} bob hi back`]);
    await screen.waitFor('2:bob');
    screen.type(`${ESC}2`);
    await screen.waitFor('[2:bob]');
    await screen.waitFor(new RegExp(`< me -> 127\\.0\\.0\\.1:${bob.port} hello bob \\(sent\\)`));
    await screen.waitFor('bob hi back');
    screen.type('/close\r');
    await screen.waitFor(() => !screen.text().includes('2:bob'));
    screen.type('/query bob\r');
    await screen.waitFor('[2:bob]');
    await screen.waitFor(new RegExp(`< 127\\.0\\.0\\.1:${bob.port} bob hi back`));
  });
});

describe('the menu on a terminal', () => {
  it('a message arriving mid-answer redraws the prompt with what was typed; localhost is an IP', async () => {
    const port = await freePort();
    const peer = await startCollector({ ignoreConnects: true });
    const screen = startScreen(['--menu', '--name', 'P1', '--port', String(port)], 80, 24);
    await screen.waitFor('Enter choice:');
    screen.type('1\r');
    await screen.waitFor("Enter the recipient's IP address:");
    screen.type('local');
    await screen.waitFor('IP address: local');
    await sendRaw(port, ['127.0.0.1:7001 amy are you there']);
    await screen.waitFor('are you there');
    // The prompt is drawn again below the message, with the typed text after it.
    await screen.waitFor(() => {
      const rows = screen.rows().filter((row) => row.trim() !== '');
      return rows.at(-1) === "Enter the recipient's IP address: local";
    });
    screen.type(`host\r${peer.port}\rhello from the menu\r`);
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes).toBe(`127.0.0.1:${port} P1 hello from the menu`);
  });
});

describe('npm run demo', () => {
  it('opens at once with the bots, and leaves no folder behind', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'peer-tui-demo-test-'));
    const data = mkdtempSync(path.join(tmpdir(), 'peer-tui-demo-data-'));
    const screen = startScreen(['demo'], 100, 30, {
      env: { TMPDIR: tmp, XDG_DATA_HOME: data },
    });
    await screen.waitFor('(alice) joined', 10_000);
    expect(screen.text()).not.toContain('Enter your name');
    // Its identity and history live in a folder of its own while it runs...
    expect(readdirSync(tmp).filter((name) => name.startsWith('peer-tui-demo-'))).toHaveLength(1);
    screen.type('/quit\r');
    expect(await screen.exited).toBe(0);
    // ...removed at exit; the real data folder never saw it.
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(data)).toEqual([]);
  });
});

describe('a key change on the screen', () => {
  it('the held message says its key changed and names the /trust to run', async () => {
    const bobPort = await freePort();
    const bobArgs = (dir: string): string[] => [
      '--headless',
      '--name',
      'bob',
      '--port',
      String(bobPort),
      '--host',
      '127.0.0.1',
      '--data-dir',
      dir,
    ];
    const fresh = (): string => mkdtempSync(path.join(tmpdir(), 'peer-tui-keys-'));
    let bob = startCli(bobArgs(fresh()));
    await bob.waitFor(`Server listening on port ${bobPort}`);
    const { screen } = await started(['--host', '127.0.0.1']);
    const to = `127.0.0.1:${bobPort}`;
    screen.type(`/send ${to} one\r`);
    await bob.waitFor('blockchain one');
    screen.type(`/send ${to} two\r`);
    await bob.waitFor('blockchain two');
    await screen.waitFor('key pinned');
    bob.child.kill('SIGKILL');
    await bob.exited;
    bob = startCli(bobArgs(fresh()));
    await bob.waitFor(`Server listening on port ${bobPort}`);
    screen.type(`/send ${to} held for trust\r`);
    // The line wraps at the address: its first row says why, and what to do.
    await screen.waitFor('held for trust (held: its key changed; /trust');
    expect(screen.text()).not.toContain('held for trust (sending)');
  });
});
