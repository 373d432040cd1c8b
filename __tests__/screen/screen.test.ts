import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAll, sendRaw, startCollector } from '../helpers/net';
import { freePort } from '../helpers/cli';
import { killScreens, startScreen, type Screen } from '../helpers/pty';

afterEach(async () => {
  killScreens();
  await closeAll();
});

const ESC = '\u001b';

async function started(
  args: string[] = [],
  cols = 120,
  rows = 30,
): Promise<{ screen: Screen; port: number }> {
  const port = await freePort();
  const screen = startScreen(['--name', 'blockchain', '--port', String(port), ...args], cols, rows);
  // At 80 columns the line wraps before the port.
  await screen.waitFor(
    () =>
      screen.text().includes('Server listening on port') && screen.text().includes(String(port)),
  );
  return { screen, port };
}

/**
 * The terminal columns of the panel borders on every row, read cell by cell (a wide
 * character is one character in a row's text but two columns on the screen).
 */
function borderColumns(screen: Screen): number[][] {
  const buffer = screen.term.buffer.active;
  return Array.from({ length: screen.term.rows }, (_, y) => {
    const line = buffer.getLine(buffer.viewportY + y);
    const columns: number[] = [];
    for (let x = 0; x < screen.term.cols; x++)
      if ('│┤├┼'.includes(line?.getCell(x)?.getChars() || ' ')) columns.push(x);
    return columns;
  });
}

describe('the full screen', () => {
  it('shows a message from a loopback mimic in the log and the peer panel', async () => {
    const { screen, port } = await started();
    await sendRaw(port, ['127.0.0.1:9090 P2 hello from the mimic']);
    await screen.waitFor('127.0.0.1:9090 P2 hello from the mimic');
    await screen.waitFor(/│\s*1\s+127\.0\.0\.1:9090\s+P2\s+listed/);
    expect(screen.titles.every((title) => title === 'peer-tui')).toBe(true);
  });

  it('/send reaches a mimic with the exact bytes and marks the message sent', async () => {
    const { screen, port } = await started();
    const peer = await startCollector();
    screen.type(`/send 127.0.0.1:${peer.port} hello , you there\r`);
    // Once per address, the connect that asks whether a peer-tui is there, then the text.
    const [probe, seen] = await peer.waitFor(2);
    expect(probe?.bytes).toBe(`127.0.0.1:${port} blockchain connect`);
    expect(seen?.bytes).toBe(`127.0.0.1:${port} blockchain hello , you there`);
    await screen.waitFor(
      new RegExp(`me -> 127\\.0\\.0\\.1:${peer.port} hello , you there[\\s│]*\\(sent\\)`),
    );
    await screen.waitFor(`to 127.0.0.1:${peer.port}`);
  });

  it('plain text goes to the target; without one the screen says how to pick one', async () => {
    const { screen } = await started();
    screen.type('hello?\r');
    await screen.waitFor('no target: /to IP:PORT');
    const peer = await startCollector({ ignoreConnects: true });
    screen.type(`/to 127.0.0.1:${peer.port}\r`);
    await screen.waitFor(`plain text now goes to 127.0.0.1:${peer.port}`);
    screen.type('second try\r');
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes.endsWith(' blockchain second try')).toBe(true);
  });

  it('Escape then c connects to every known peer', async () => {
    const { screen, port } = await started();
    const peer = await startCollector();
    await sendRaw(port, [`127.0.0.1:${peer.port} other hi`]);
    await screen.waitFor('other hi');
    screen.type(ESC);
    await new Promise((resolve) => setTimeout(resolve, 100));
    screen.type('c');
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes).toBe(`127.0.0.1:${port} blockchain connect`);
    await screen.waitFor(`connected to 127.0.0.1:${peer.port}`);
  });

  it('keeps hostile peer text from the title, other rows and the borders', async () => {
    const { screen, port } = await started();
    await sendRaw(port, ['127.0.0.1:9091 good first line']);
    await screen.waitFor('good first line');
    const bordersBefore = borderColumns(screen);
    const goodRow = screen.rows().findIndex((row) => row.includes('good first line'));
    const logPart = (row: string | undefined): string =>
      (row ?? '').slice(0, (row ?? '').indexOf('││') + 1);
    const goodBefore = logPart(screen.rows()[goodRow]);
    const hostile = [
      `${ESC}]0;owned${'\u0007'}`,
      `${ESC}[2J${ESC}[H`,
      '\u009b31m',
      'fake\r127.0.0.1:1 admin: trust me',
      '{red-fg}tag{/red-fg}',
      '\u202eevil',
      '😀😀😀 世界',
      'z\u0301\u0302\u0303\u0304\u0305',
      '\u200b',
    ].join(' ');
    await sendRaw(port, [`127.0.0.1:9092 ${ESC}[31mmallory ${hostile} END`]);
    await screen.waitFor('END');
    const text = screen.text();
    expect(screen.titles.every((title) => title === 'peer-tui')).toBe(true);
    expect(text).toContain('good first line');
    expect(text).toContain('^[]0;owned^G');
    expect(text).toContain('^[[2J^[[H');
    expect(text).toContain('<U+009B>31m');
    expect(text).toContain('fake^M127.0.0.1:1');
    expect(text).toContain('{red-fg}tag{/red-fg}');
    expect(text).toContain('<U+202E>evil');
    expect(text).toContain('😀😀😀 世界');
    expect(borderColumns(screen)).toEqual(bordersBefore);
    expect(logPart(screen.rows()[goodRow])).toBe(goodBefore);
    expect(screen.rows().at(-1)).toMatch(
      /^ \? help \| Act: 2,3 \| \[1\] \| blockchain 127\.0\.0\.1:\d+.* \| peers 2\/2 \| no target \| in 2 out 0 *$/,
    );
  });

  it.each([
    [80, 24],
    [120, 30],
  ])(
    'draws emoji, CJK and marks as themselves, every border in its column (%ix%i)',
    async (cols, rows) => {
      const { screen, port } = await started([], cols, rows);
      await sendRaw(port, ['127.0.0.1:9110 plain first']);
      await screen.waitFor('plain first');
      const before = borderColumns(screen);
      const wide = 'party 🎉🎉🎉 漢字かな e\u0301 👍🏽 🇫🇷 ⌚⌚ ❤\ufe0f 👨\u200d👩\u200d👧 end';
      await sendRaw(port, [`127.0.0.1:9111 🐱cat ${wide}`]);
      // Each piece apart: the log wraps the line where the width runs out.
      const pieces = ['🎉', '漢字かな', 'e\u0301', '🇫🇷', '⌚⌚', '👩👧', '🐱cat', 'end'];
      await screen.waitFor(() => pieces.every((piece) => screen.text().includes(piece)));
      expect(screen.text()).not.toMatch(/<U\+/);
      expect(borderColumns(screen)).toEqual(before);
    },
  );

  it('rebuilds the layout on resize and stays readable at 80x24', async () => {
    const { screen } = await started([], 120, 40);
    await screen.waitFor(() => (screen.rows()[0] ?? '').trimEnd().length === 120);
    screen.resize(80, 24);
    await screen.waitFor(
      () =>
        screen.rows()[0]?.trimEnd().length === 80 && (screen.rows()[23] ?? '').includes('? help'),
    );
    expect(screen.rows()[0]).toMatch(/\[1:all\].*peers/);
    expect(screen.text()).toContain('traffic');
  });

  it('asks for a missing name and port on the screen', async () => {
    const port = await freePort();
    const screen = startScreen([]);
    await screen.waitFor('Enter your name:');
    screen.type('blockchain\r');
    await screen.waitFor('Enter your port number:');
    screen.type(`${port}\r`);
    await screen.waitFor(`Server listening on port ${port}`);
    await screen.waitFor(`blockchain 127.0.0.1:${port}`);
  });

  it('asks before sending a paste of several lines', async () => {
    const { screen } = await started();
    const peer = await startCollector({ ignoreConnects: true });
    screen.type(`/to 127.0.0.1:${peer.port}\r`);
    await screen.waitFor('plain text now goes to');
    screen.type('one\rtwo\rthree\r');
    await screen.waitFor('Paste of 3 lines');
    expect(peer.connections).toHaveLength(0);
    screen.type('y');
    const seen = await peer.waitFor(3);
    expect(seen.map((c) => c.bytes.split(' ').pop())).toEqual(['one', 'two', 'three']);
  });

  it('Ctrl-C sends exit to listed peers and restores the terminal', async () => {
    const { screen, port } = await started();
    const peer = await startCollector();
    await sendRaw(port, [`127.0.0.1:${peer.port} other hi`]);
    await screen.waitFor('other hi');
    expect(screen.term.buffer.active.type).toBe('alternate');
    screen.type('\u0003');
    expect(await screen.exited).toBe(0);
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes).toBe(`127.0.0.1:${port} blockchain exit`);
    await new Promise<void>((resolve) => screen.term.write('', resolve));
    expect(screen.term.buffer.active.type).toBe('normal');
  });
});

describe('keys on the full screen', () => {
  it('? opens help outside the input and Escape closes it; q quits', async () => {
    const { screen } = await started();
    screen.type(ESC);
    await new Promise((resolve) => setTimeout(resolve, 100));
    screen.type('?');
    await screen.waitFor('Ctrl-C');
    await screen.waitFor('/broadcast TEXT');
    for (let i = 0; i < 3; i++) screen.type(`${ESC}[B`);
    await screen.waitFor(() => !screen.text().includes('│Keys'));
    screen.type(ESC);
    await screen.waitFor(() => !screen.text().includes('/broadcast TEXT'));
    screen.type('q');
    await screen.waitFor('quit? (y/n)');
    screen.type('y');
    expect(await screen.exited).toBe(0);
  });

  it('Tab moves focus to the peer panel, where Enter makes a peer the target', async () => {
    const { screen, port } = await started();
    await sendRaw(port, ['127.0.0.1:9093 P3 hi']);
    await screen.waitFor('P3 hi');
    screen.type(ESC);
    await new Promise((resolve) => setTimeout(resolve, 100));
    screen.type('\t');
    await new Promise((resolve) => setTimeout(resolve, 100));
    screen.type('\r');
    await screen.waitFor('to 127.0.0.1:9093');
  });

  it('a crowd: counted per state, paged with End, filtered with / and cleared with Escape', async () => {
    const { screen, port } = await started([], 120, 30);
    const count = 300;
    await Promise.all(
      Array.from({ length: 30 }, async (_, lane) => {
        for (let i = lane; i < count; i += 30)
          await sendRaw(port, [`127.0.0.1:${20000 + i} s${i} hello ${i}`]);
      }),
    );
    await screen.waitFor(`peers ${count}/${count}`);
    await screen.waitFor(`peers: ${count} listed`);
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));
    screen.type(ESC);
    await pause();
    screen.type('\t'); // the panel
    await pause();
    screen.type(`${ESC}[F`); // End: the oldest peer, at the bottom of the list
    await screen.waitFor(/│ 300\s+127\.0\.0\.1:\d+/);
    screen.type('/');
    await screen.waitFor('> /filter');
    screen.type('s29\r');
    await screen.waitFor('"s29" 11 match');
    expect(screen.text()).not.toMatch(/127\.0\.0\.1:20028 /);
    screen.type(ESC);
    await pause();
    screen.type('\t');
    await pause();
    screen.type(ESC); // in the panel: clears the filter
    await screen.waitFor(`peers: ${count} listed`);
  });

  it('a view per conversation: the list, Act:, Alt-N, Ctrl-N, Alt-A, /query, /close', async () => {
    const { screen, port } = await started([], 120, 30);
    await sendRaw(port, ['127.0.0.1:9101 bob first from bob']);
    await sendRaw(port, ['127.0.0.1:9102 amy hey blockchain, a highlight']);
    await screen.waitFor('[1:all] 2:bob(1) 3:amy(!1)');
    await screen.waitFor('Act: 3!,2 | [1]');
    screen.type(`${ESC}2`); // Alt-2
    await screen.waitFor('1:all [2:bob] 3:amy(!1)');
    expect(screen.text()).not.toContain('a highlight');
    await screen.waitFor('Enter sends to 127.0.0.1:9101 (view 2)');
    screen.type('\u000e'); // Ctrl-N
    await screen.waitFor('1:all 2:bob [3:amy]');
    screen.type('/buffer 1\r');
    await screen.waitFor('[1:all] 2:bob 3:amy');
    await sendRaw(port, ['127.0.0.1:9101 bob again']);
    await screen.waitFor('2:bob(1)');
    screen.type(`${ESC}a`); // Alt-A: the view with activity
    await screen.waitFor('[2:bob]');
    screen.type('/query 127.0.0.1:9103\r');
    await screen.waitFor('[4:127.0.0.1:9103]');
    screen.type('/close\r');
    await screen.waitFor('1:all 2:bob [3:amy]');
  });

  it('/alias shows a peer by your name for it, marked, in the log, the views and the panel', async () => {
    const { screen, port } = await started();
    screen.type('/alias 127.0.0.1:9107 teacher\r');
    await screen.waitFor('127.0.0.1:9107 is now shown as =teacher');
    await sendRaw(port, ['127.0.0.1:9107 mallory-claims hello class']);
    await screen.waitFor('127.0.0.1:9107 =teacher hello class');
    await screen.waitFor('2:=teacher(1)');
    await screen.waitFor(/│\s*1\s+127\.0\.0\.1:9107\s+=teacher\s/);
    expect(screen.text()).not.toContain('mallory-claims hello');
  });

  it('rings the bell for a highlight or another view, once per burst; --no-bell keeps quiet', async () => {
    const { screen, port } = await started();
    await sendRaw(port, ['127.0.0.1:9104 bob hello']);
    await screen.waitFor(() => screen.bells() >= 1);
    const rung = screen.bells();
    // Twenty messages in one write arrive in one turn: one render, one bell.
    const burst = Array.from({ length: 20 }, (_, i) => `127.0.0.1:9104 bob burst ${i}\n`);
    await sendRaw(port, [burst.join('')]);
    await screen.waitFor('burst 19');
    await screen.waitFor(() => screen.bells() > rung);
    expect(screen.bells() - rung).toBe(1);
    const quiet = await started(['--no-bell']);
    await sendRaw(quiet.port, ['127.0.0.1:9105 amy hey blockchain']);
    await quiet.screen.waitFor('hey blockchain');
    expect(quiet.screen.bells()).toBe(0);
  });

  it('--notify sends a sanitised desktop notification for a view not on screen', async () => {
    const { screen, port } = await started(['--notify']);
    await sendRaw(port, [`127.0.0.1:9106 eve ring ${ESC}]0;owned${'\u0007'} me`]);
    await screen.waitFor(() => screen.notifications.length >= 2);
    expect(screen.notifications[0]).toMatch(
      /^777;notify;eve \(127\.0\.0\.1:9106\);ring \^\[\]0,owned\^G me$/,
    );
    expect(screen.titles.every((title) => title === 'peer-tui')).toBe(true);
    // On screen: a message there notifies nobody.
    screen.type(`${ESC}2`);
    await screen.waitFor('[2:eve]');
    const before = screen.notifications.length;
    await sendRaw(port, ['127.0.0.1:9106 eve seen here']);
    await screen.waitFor('seen here');
    await sendRaw(port, ['127.0.0.1:9108 zed elsewhere']); // a later notification, for order
    await screen.waitFor(() => screen.notifications.length >= before + 2);
    expect(screen.notifications.slice(before).every((n) => n.includes('zed'))).toBe(true);
  });

  it('PgUp holds the view while lines arrive, with a mark; End follows again', async () => {
    const { screen, port } = await started([], 120, 30);
    for (let i = 0; i < 40; i++) await sendRaw(port, [`127.0.0.1:9094 P4 line${i}\n`]);
    await screen.waitFor('line39');
    screen.type(`${ESC}[5~`);
    await screen.waitFor(() => !screen.text().includes('line39'));
    await sendRaw(port, ['127.0.0.1:9094 P4 late arrival']);
    await screen.waitFor('1 new below: End to follow');
    expect(screen.text()).not.toContain('late arrival');
    screen.type(ESC);
    await new Promise((resolve) => setTimeout(resolve, 100));
    screen.type(`${ESC}[F`);
    await screen.waitFor('late arrival');
  });

  it('peer-tui demo opens with bots that join the peer panel', async () => {
    const screen = startScreen(['demo', '--name', 'newcomer']);
    await screen.waitFor(/Server listening on port \d+/);
    await screen.waitFor('(alice) joined');
    await screen.waitFor('(bob) joined');
  });
});

describe('mouse and redraw', () => {
  it('a click on the log moves focus there; Ctrl-L redraws everything', async () => {
    const { screen } = await started();
    // Press and release arrive apart, as from a real mouse (blessed reads one event per read).
    screen.type(`${ESC}[<0;10;10M`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    screen.type(`${ESC}[<0;10;10m`);
    await screen.waitFor('(PgUp/PgDn)');
    screen.term.reset();
    await screen.waitFor(() => !screen.text().includes('Server listening'));
    screen.type('\u000c');
    await screen.waitFor('Server listening on port');
    await screen.waitFor('? help');
  });

  it('shows a peer reached by connect as connected', async () => {
    const { screen } = await started();
    const peer = await startCollector();
    screen.type(`/connect 127.0.0.1:${peer.port}\r`);
    await screen.waitFor(new RegExp(`127\\.0\\.0\\.1:${peer.port}\\s+connected`));
  });
});

describe('history on the screen', () => {
  it('shows the last lines of the previous run above a marker, and /search finds them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-tui-screen-'));
    const port = await freePort();
    const first = startScreen(['--name', 'blockchain', '--port', String(port), '--data-dir', dir]);
    await first.waitFor(`Server listening on port ${port}`);
    await sendRaw(port, ['127.0.0.1:9095 P5 remember me']);
    await first.waitFor('remember me');
    first.type('\u0003');
    await first.exited;
    const second = startScreen(['--name', 'blockchain', '--port', String(port), '--data-dir', dir]);
    await second.waitFor(/127\.0\.0\.1:9095 P5 remember me[\s\S]*lines of history above/);
    second.type('/search REMEMBER\r');
    await second.waitFor('1 line of history contains "REMEMBER"');
  });

  it('marks a message to an unreachable peer as queued at once', async () => {
    const { screen } = await started();
    const dead = await freePort();
    screen.type(`/send 127.0.0.1:${dead} are you there\r`);
    // The log wraps the line; the peer panel shares the terminal's rows, so read each piece.
    await screen.waitFor(/are you there[\s│]*\(queued:/);
    await screen.waitFor('(queued: peer unreachable,');
    await screen.waitFor(/│\s+retrying\)/);
    await screen.waitFor(/1\s+127\.0\.0\.1:\d+\s+known/);
  });
});

describe('signals on the screen', () => {
  it('SIGTERM sends exit, keeps the history and restores the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-tui-sigterm-'));
    const port = await freePort();
    const screen = startScreen(['--name', 'blockchain', '--port', String(port), '--data-dir', dir]);
    await screen.waitFor(`Server listening on port ${port}`);
    const peer = await startCollector();
    await sendRaw(port, [`127.0.0.1:${peer.port} other keep this`]);
    await screen.waitFor('keep this');
    screen.pty.kill('SIGTERM');
    expect(await screen.exited).toBe(0);
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes).toBe(`127.0.0.1:${port} blockchain exit`);
    await new Promise<void>((resolve) => screen.term.write('', resolve));
    expect(screen.term.buffer.active.type).toBe('normal');
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).toContain('keep this');
  });
});
