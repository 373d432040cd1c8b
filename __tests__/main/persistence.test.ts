import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAll, sendRaw, sleep, startCollector } from '../helpers/net';
import { freePort, killAll, startCli, type RunningCli } from '../helpers/cli';

afterEach(async () => {
  killAll();
  await closeAll();
});

const fresh = (): string => mkdtempSync(join(tmpdir(), 'peer-tui-data-'));

async function headless(port: number, dir: string, extra: string[] = []): Promise<RunningCli> {
  const cli = startCli([
    '--headless',
    '--name',
    'keeper',
    '--port',
    String(port),
    '--data-dir',
    dir,
    '--give-up',
    '3600',
    ...extra,
  ]);
  await cli.waitFor(`Server listening on port ${port}`);
  return cli;
}

describe('nothing lost', () => {
  it('kill -9 in the middle of traffic: every message shown is in history; the restart works', async () => {
    const dir = fresh();
    const port = await freePort();
    const cli = await headless(port, dir);
    let stop = false;
    const traffic = (async () => {
      for (let i = 0; !stop && i < 2000; i++)
        await sendRaw(port, [`127.0.0.1:7300 flood message-${i}`]).catch(() => undefined);
    })();
    await cli.waitFor('message-60');
    cli.child.kill('SIGKILL');
    await cli.exited;
    stop = true;
    await traffic;
    const shown = [...cli.stdout().matchAll(/^127\.0\.0\.1:7300 flood (message-\d+)$/gm)].map(
      (m) => m[1],
    );
    const kept = readFileSync(join(dir, 'history.jsonl'), 'utf8');
    expect(shown.length).toBeGreaterThan(60);
    for (const text of shown) expect(kept).toContain(`"text":"${text}"`);
    const again = await headless(port, dir);
    again.write('/search message-1\n');
    await again.waitFor('127.0.0.1:7300 flood message-1');
  });

  it('three messages to a stopped peer arrive once, in order, even across a kill -9 of the sender', async () => {
    const dir = fresh();
    const port = await freePort();
    const peerPort = await freePort();
    const cli = await headless(port, dir);
    cli.write(
      `/send 127.0.0.1:${peerPort} one\n/send 127.0.0.1:${peerPort} two\n/send 127.0.0.1:${peerPort} three\n`,
    );
    await cli.waitFor(/unreachable.*\n.*unreachable.*\n.*unreachable/);
    cli.child.kill('SIGKILL');
    await cli.exited;
    const restarted = await headless(port, dir);
    await restarted.waitFor(/-!- restored \d+ known peers?, 3 waiting messages, 0 failed/);
    const peer = await startCollector({ port: peerPort });
    const seen = await peer.waitFor(4, 8000);
    await sleep(300);
    // Once, the connect that asks whether a peer-tui is there; then each message once.
    expect(peer.connections.map((c) => c.bytes)).toEqual(
      ['connect', 'one', 'two', 'three'].map((text) => `127.0.0.1:${port} keeper ${text}`),
    );
    expect(seen).toHaveLength(4);
    restarted.write('/outbox\n');
    await restarted.waitFor('outbox empty: nothing waits');
  });

  it('after a restart, connect reaches a peer known only from before it', async () => {
    const dir = fresh();
    const port = await freePort();
    const peer = await startCollector();
    const first = await headless(port, dir);
    first.write(`/send 127.0.0.1:${peer.port} hello\n/quit\n`);
    expect(await first.exited).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'peers.json'), 'utf8'))).toEqual([
      expect.objectContaining({ address: `127.0.0.1:${peer.port}` }),
    ]);
    const second = await headless(port, dir);
    second.write('/connect\n');
    await second.waitFor(`-!- connected to 127.0.0.1:${peer.port}`);
    const seen = await peer.waitFor(3);
    expect(seen.map((c) => c.bytes.split(' ').pop())).toEqual(['connect', 'hello', 'connect']);
  });

  it('a peer we sent to survives a kill -9 right after the send: connect reaches it', async () => {
    const dir = fresh();
    const port = await freePort();
    const peer = await startCollector();
    const first = await headless(port, dir);
    first.write(`/send 127.0.0.1:${peer.port} hello\n`);
    await first.waitFor(`-!- message sent to 127.0.0.1:${peer.port}`);
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await headless(port, dir);
    second.write('/connect\n');
    await second.waitFor(`-!- connected to 127.0.0.1:${peer.port}`);
    const seen = await peer.waitFor(3);
    expect(seen.map((c) => c.bytes.split(' ').pop())).toEqual(['connect', 'hello', 'connect']);
  });

  it('an unwritable data folder gives one warning and the chat goes on', async () => {
    const file = join(fresh(), 'plain-file');
    writeFileSync(file, '');
    const port = await freePort();
    const cli = await headless(port, join(file, 'data'));
    await cli.waitFor('-!- warning E_STORE: cannot keep history and outbox in');
    await sendRaw(port, ['127.0.0.1:7301 still works']);
    await cli.waitFor('127.0.0.1:7301 still works');
    expect(cli.stdout().match(/E_STORE/g)).toHaveLength(1);
  });

  it('--no-history writes no history file', async () => {
    const dir = fresh();
    const port = await freePort();
    const cli = await headless(port, dir, ['--no-history']);
    await sendRaw(port, ['127.0.0.1:7302 x hello']);
    await cli.waitFor('127.0.0.1:7302 x hello');
    expect(existsSync(join(dir, 'history.jsonl'))).toBe(false);
  });

  it("peer-tui history prints an identity's history, filtered", async () => {
    const dir = fresh();
    const port = await freePort();
    const cli = await headless(port, dir);
    await sendRaw(port, ['127.0.0.1:7303 alice first words']);
    await sendRaw(port, ['127.0.0.1:7303 alice second words']);
    await cli.waitFor('second words');
    const history = startCli(['history', '--data-dir', dir, '--grep', 'SECOND']);
    expect(await history.exited).toBe(0);
    expect(history.stdout()).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 127\.0\.0\.1:7303 alice second words\n$/,
    );
    const missing = startCli(['history']);
    expect(await missing.exited).toBe(2);
  });
});

describe('/alias', () => {
  afterEach(() => killAll());

  it('names a peer your way, kept in peers.json across a restart, and removed again', async () => {
    const dir = fresh();
    const port = await freePort();
    const first = await headless(port, dir);
    first.write('/alias 127.0.0.1:9301 teacher\n');
    await first.waitFor('-!- 127.0.0.1:9301 is now shown as =teacher');
    first.write('/quit\n');
    expect(await first.exited).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'peers.json'), 'utf8'))).toEqual([
      expect.objectContaining({ address: '127.0.0.1:9301', alias: 'teacher' }),
    ]);
    const second = await headless(port, dir);
    await sendRaw(port, ['127.0.0.1:9301 claimed hello']);
    await second.waitFor('-!- 127.0.0.1:9301 (=teacher) joined');
    second.write('/alias 127.0.0.1:9301\n');
    await second.waitFor('shown by the name it claims again');
    second.write('/alias 127.0.0.1:9301 two words\n');
    await second.waitFor('an alias is 1-32 characters, no spaces');
  });
});
