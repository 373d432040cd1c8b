import { createServer } from 'node:net';
import { closeAll, sendRaw, startCollector } from '../helpers/net';
import { freePort, killAll, startCli } from '../helpers/cli';

afterEach(async () => {
  killAll();
  await closeAll();
});

const MENU =
  '***** Menu *****\n1. Send message\n2. Query active peers\n3. Connect to active peers\n0. Quit\nEnter choice: ';

describe('command line', () => {
  it.each([
    [['--port', '0', '--name', 'x'], '--port'],
    [['--port', '65536', '--name', 'x'], '--port'],
    [['--port', 'abc', '--name', 'x'], '--port'],
    [['--name', 'has space', '--port', '1'], '--name'],
    [['--name', 'x'.repeat(33), '--port', '1'], '--name'],
    [['--name', 'x', '--port', '1', '--bootstrap', '010.0.0.1:80'], '--bootstrap'],
    [['--name', 'x', '--port', '1', '--host', 'nowhere'], '--host'],
    [['--name', 'x', '--port', '1', '--json'], '--json'],
    [['--name', 'x', '--port', '1', '--bogus'], '--bogus'],
  ])('rejects %j with one line naming %s, exit 2', async (args, flag) => {
    const cli = startCli(args);
    expect(await cli.exited).toBe(2);
    const lines = cli.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(flag);
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
  });

  it('says a port in use is in use, exit 1', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const cli = startCli(['--name', 'x', '--port', String(port)]);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr().trim()).toBe(`peer-tui: port ${port} is already in use`);
    } finally {
      server.close();
    }
  });

  it('prints help and version, exit 0', async () => {
    const help = startCli(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('--bootstrap <IP:PORT>');
    const version = startCli(['--version']);
    expect(await version.exited).toBe(0);
    expect(version.stdout().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('menu mode through pipes', () => {
  it('asks the assignment questions when name and port are missing', async () => {
    const port = await freePort();
    const cli = startCli(['--menu']);
    cli.write(`blockchain\n${port}\n0\n`);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toBe(
      `Enter your name: Enter your port number: Server listening on port ${port}\n${MENU}Exiting\n`,
    );
  });

  it('sends, queries, connects and quits, text for text', async () => {
    const peer = await startCollector();
    const port = await freePort();
    const cli = startCli(['--name', 'blockchain', '--port', String(port)]);
    await cli.waitFor('Enter choice: ');
    cli.write(`1\n127.0.0.1\n${peer.port}\nhello , you there\n`);
    await cli.waitFor(`-!- message sent to 127.0.0.1:${peer.port}`);
    cli.write('2\n');
    await cli.waitFor('No connected Peers');
    cli.write('3\n');
    await cli.waitFor(`-!- connected to 127.0.0.1:${peer.port}`);
    cli.write('2\n');
    await cli.waitFor(`Connected Peers:\n1. 127.0.0.1:${peer.port}\n`);
    cli.write('0\n');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(/Exiting\n$/);
    const seen = await peer.waitFor(4);
    // The first message is preceded by the connect that asks whether a peer-tui is there.
    expect(seen.map((c) => c.bytes)).toEqual([
      `127.0.0.1:${port} blockchain connect`,
      `127.0.0.1:${port} blockchain hello , you there`,
      `127.0.0.1:${port} blockchain connect`,
      `127.0.0.1:${port} blockchain exit`,
    ]);
  });

  it('prints an incoming message exactly as the assignment shows it, and a leave', async () => {
    const port = await freePort();
    const cli = startCli(['--name', 'P1', '--port', String(port), '--menu']);
    await cli.waitFor('Enter choice: ');
    await sendRaw(port, ['127.0.0.1:9090 P2 hello']);
    await cli.waitFor('\n127.0.0.1:9090 P2 hello\nEnter choice: ');
    await sendRaw(port, ['127.0.0.1:9090 P2 exit']);
    await cli.waitFor('-!- 127.0.0.1:9090 (P2) disconnected');
    cli.child.stdin.end();
    expect(await cli.exited).toBe(0);
  });

  it('says at once when a message has to wait for its peer', async () => {
    const port = await freePort();
    const dead = await freePort();
    const cli = startCli(['--name', 'P1', '--port', String(port)]);
    cli.write(`1\n127.0.0.1\n${dead}\nanyone?\n0\n`);
    await cli.waitFor(
      `-!- 127.0.0.1:${dead} unreachable (connection refused (ECONNREFUSED)): message queued, retrying`,
    );
    expect(await cli.exited).toBe(0);
  });

  it('never prints a peer control character raw', async () => {
    const port = await freePort();
    const cli = startCli(['--name', 'P1', '--port', String(port)]);
    await cli.waitFor('Enter choice: ');
    await sendRaw(port, ['127.0.0.1:9090 P2\u001b[2J \u001b]0;title\u0007\u009b31m\rforged']);
    await cli.waitFor('forged');
    expect(cli.stdout()).not.toMatch(/[\u0007\u001b\u009b\r]/u);
    expect(cli.stdout()).toContain('127.0.0.1:9090 P2^[[2J ^[]0;title^G<U+009B>31m^Mforged');
  });
});

describe('headless mode', () => {
  it('--json message events carry "highlight": true when they name you or a --highlight word', async () => {
    const port = await freePort();
    const cli = startCli([
      '--headless',
      '--json',
      '--name',
      'blockchain',
      '--port',
      String(port),
      '--highlight',
      'exam',
    ]);
    await cli.waitFor(`"type":"listening","port":${port}`);
    await sendRaw(port, ['127.0.0.1:7101 a plain words']);
    await sendRaw(port, ['127.0.0.1:7101 a hi Blockchain']);
    await sendRaw(port, ['127.0.0.1:7101 a the EXAM']);
    await cli.waitFor('"text":"the EXAM"');
    const messages = cli
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"type":"message"'))
      .map((line) => JSON.parse(line) as { text: string; highlight?: boolean });
    expect(messages.map((m) => [m.text, m.highlight ?? false])).toEqual([
      ['plain words', false],
      ['hi Blockchain', true],
      ['the EXAM', true],
    ]);
  });

  it('runs slash commands, prints JSON events, outlives end of input, and sends exit on SIGTERM', async () => {
    const peer = await startCollector();
    const port = await freePort();
    const cli = startCli([
      '--headless',
      '--json',
      '--name',
      'bot',
      '--port',
      String(port),
      '--bootstrap',
      `127.0.0.1:${peer.port}`,
    ]);
    await cli.waitFor(`{"type":"listening","port":${port}}`);
    await cli.waitFor('"kind":"connect"');
    cli.write(`/send 127.0.0.1:${peer.port} hi there\n/peers\n/bogus\n`);
    await cli.waitFor(`{"type":"peers","peers":["127.0.0.1:${peer.port}"]}`);
    await cli.waitFor('"type":"error"');
    cli.child.stdin.end();
    await sendRaw(port, ['127.0.0.1:7001 mimic \u001b[31mred']);
    await cli.waitFor('"type":"message"');
    const events = cli
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['listening', 'delivery', 'peers', 'error', 'peer-joined', 'message']),
    );
    expect(cli.stdout()).not.toContain('\u001b');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    const seen = await peer.waitFor(3);
    expect(seen.map((c) => c.bytes.split(' ').slice(2).join(' '))).toEqual([
      'connect',
      'hi there',
      'exit',
    ]);
  });

  it('prints one text line per event and quits on /quit', async () => {
    const port = await freePort();
    const cli = startCli(['--headless', '--name', 'bot', '--port', String(port)]);
    await cli.waitFor(`Server listening on port ${port}`);
    await sendRaw(port, ['127.0.0.1:7002 mimic hello']);
    await cli.waitFor('-!- 127.0.0.1:7002 (mimic) joined\n127.0.0.1:7002 mimic hello\n');
    cli.write('/quit\n');
    expect(await cli.exited).toBe(0);
  });
});

describe('headless mode: the screen commands', () => {
  it('sends plain text to the target set by /to, and /broadcast to every listed peer', async () => {
    const one = await startCollector();
    const two = await startCollector();
    const port = await freePort();
    const cli = startCli(['--headless', '--name', 'bot', '--port', String(port)]);
    await cli.waitFor(`Server listening on port ${port}`);
    cli.write('no target yet\n');
    await cli.waitFor('-!- no target: /to IP:PORT or /send IP:PORT TEXT first');
    cli.write(`/to 127.0.0.1:${one.port}\nplain words\n/connect 127.0.0.1:${two.port}\n`);
    await cli.waitFor(`-!- connected to 127.0.0.1:${two.port}`);
    cli.write('/broadcast to all\n');
    const seenTwo = await two.waitFor(2);
    expect(seenTwo.map((c) => c.bytes.split(' ').slice(2).join(' '))).toEqual([
      'connect',
      'to all',
    ]);
    const [, seenOne] = await one.waitFor(2); // after the connect that asks
    expect(seenOne?.bytes).toBe(`127.0.0.1:${port} bot plain words`);
    cli.write('/quit\n');
    expect(await cli.exited).toBe(0);
  });
});

describe('menu mode: a message that waited', () => {
  it('says when a queued message finally goes', async () => {
    const port = await freePort();
    const later = await freePort();
    const cli = startCli(['--name', 'P1', '--port', String(port)]);
    cli.write(`1\n127.0.0.1\n${later}\nlate hello\n`);
    await cli.waitFor(`-!- 127.0.0.1:${later} unreachable`);
    const peer = await startCollector({ port: later });
    await cli.waitFor(`-!- message sent to 127.0.0.1:${later}`, 8000);
    const [, seen] = await peer.waitFor(2); // after the connect that asks
    expect(seen?.bytes).toBe(`127.0.0.1:${port} P1 late hello`);
  });
});

describe('output closed under it', () => {
  it('headless mode leaves properly, sending exit, when its reader goes away', async () => {
    const peer = await startCollector();
    const port = await freePort();
    const cli = startCli(['--headless', '--name', 'bot', '--port', String(port)]);
    await cli.waitFor(`Server listening on port ${port}`);
    cli.write(`/connect 127.0.0.1:${peer.port}\n`);
    await cli.waitFor('-!- connected to');
    cli.child.stdout.destroy();
    await sendRaw(port, ['127.0.0.1:7400 x one']);
    // The first line's output may already have found the reader gone and the program left,
    // its port closed: a second line is then refused, which is the point.
    await sendRaw(port, ['127.0.0.1:7400 x two']).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNREFUSED') throw error;
    });
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toContain('EPIPE');
    const seen = await peer.waitFor(2);
    expect(seen.map((c) => c.bytes.split(' ').pop())).toEqual(['connect', 'exit']);
  });
});
