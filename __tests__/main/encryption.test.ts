import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killAll, startCli, type RunningCli } from '../helpers/cli';

const servers: Server[] = [];
afterEach(async () => {
  killAll();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const fresh = (): string => mkdtempSync(join(tmpdir(), 'peer-tui-keys-'));

async function headless(
  name: string,
  port: number,
  dir: string,
  json = false,
): Promise<RunningCli> {
  const cli = startCli([
    '--headless',
    ...(json ? ['--json'] : []),
    '--name',
    name,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data-dir',
    dir,
  ]);
  await cli.waitFor(json ? '"type":"listening"' : `Server listening on port ${port}`);
  return cli;
}

interface Recording {
  /** Every chunk through the proxy, both directions, in the order carried. */
  chunks: Buffer[];
}

/** A TCP proxy on 127.0.0.2:PORT to 127.0.0.1:PORT that keeps every byte it carries. */
async function recordingProxy(port: number): Promise<Recording> {
  const recording: Recording = { chunks: [] };
  // Half-open both ways, as TCP is: a sender's close must not cut the receiver's reply.
  const server = createServer({ allowHalfOpen: true }, (inbound: Socket) => {
    const outbound = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    for (const [from, to] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      from.on('data', (chunk: Buffer) => {
        recording.chunks.push(chunk);
        to.write(chunk);
      });
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.2', resolve));
  return recording;
}

describe('encrypted links between two real peer-tui', () => {
  it('through a recording proxy: not even the first message in the clear; each one verified', async () => {
    const [alicePort, bobPort] = [await freePort(), await freePort()];
    const bob = await headless('bob', bobPort, fresh(), true);
    const recording = await recordingProxy(bobPort);
    const alice = await headless('alice', alicePort, fresh());
    const viaProxy = `127.0.0.2:${bobPort}`;
    // Two fresh peer-tui: neither knows the other. The first message is the test.
    const texts = ['the very first', ...Array.from({ length: 20 }, (_, i) => `secret number ${i}`)];
    for (const text of texts) alice.write(`/send ${viaProxy} ${text}\n`);
    await bob.waitFor(texts[texts.length - 1] ?? '', 10_000);
    const received = bob
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"type":"message"'))
      .map((line) => JSON.parse(line) as { text: string; verified?: boolean; key?: string });
    // Every message once, in order, each over the verified link, the first one too.
    expect(received.map((m) => m.text)).toEqual(texts);
    expect(received.map((m) => [m.verified, m.key?.length])).toEqual(texts.map(() => [true, 64]));
    const wire = Buffer.concat(recording.chunks).toString('latin1');
    // In the clear: the assignment's connect that asked, its answer, and the link's hello
    // (addresses and names only); never a text, nor a message's header line.
    expect(wire).toContain(`127.0.0.1:${alicePort} alice connect`);
    expect(wire).toContain(`peer-tui/2 hello 127.0.0.1:${alicePort}\n`);
    for (const text of [...texts, 'very first', 'secret']) expect(wire).not.toContain(text);
    expect(wire).not.toMatch(new RegExp(`127\\.0\\.0\\.1:${alicePort} alice (?!connect)`));
    expect(wire).not.toContain('peer-tui/1 ack');
  });

  it('a restarted peer with a fresh key: E_KEY_CHANGED, nothing sent, then /trust sends it once', async () => {
    const [alicePort, bobPort] = [await freePort(), await freePort()];
    const alice = await headless('alice', alicePort, fresh());
    let bob = await headless('bob', bobPort, fresh());
    const to = `127.0.0.1:${bobPort}`;
    alice.write(`/send ${to} one\n`);
    await bob.waitFor('alice one');
    alice.write(`/send ${to} two\n`);
    await bob.waitFor('alice two');
    await alice.waitFor('key pinned');
    bob.child.kill('SIGKILL');
    await bob.exited;
    bob = await headless('bob', bobPort, fresh());
    alice.write(`/send ${to} held for trust\n`);
    await alice.waitFor('E_KEY_CHANGED');
    await alice.waitFor(`message held until /trust ${to}`);
    expect(alice.stdout()).toContain(`/trust ${to}`);
    alice.write(`/whois ${to}\n`);
    await alice.waitFor('KEY CHANGED');
    expect(bob.stdout()).not.toContain('held for trust');
    alice.write(`/trust ${to}\n`);
    await bob.waitFor('alice held for trust');
    await alice.waitFor(/now pinned[^]*message sent to/);
    expect(bob.stdout().split('held for trust').length - 1).toBe(1);
  });
});

describe('the key file through the program', () => {
  it('is refused when others may read it, with the fix, and never printed', async () => {
    const dir = fresh();
    const port = await freePort();
    const first = await headless('keys', port, dir);
    first.write('/fingerprint\n');
    await first.waitFor('your key: ');
    const file = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as {
      publicKey: string;
      secretKey: string;
    };
    expect(first.stdout()).toContain(`(${file.publicKey})`);
    expect(first.stdout()).not.toContain(file.secretKey);
    first.child.kill('SIGKILL');
    await first.exited;
    chmodSync(join(dir, 'identity.json'), 0o644);
    const refused = startCli([
      '--headless',
      '--name',
      'keys',
      '--port',
      String(port),
      '--data-dir',
      dir,
    ]);
    expect(await refused.exited).toBe(2);
    const said = refused.stdout() + refused.stderr();
    expect(said).toContain('E_KEY_FILE');
    expect(said).toContain(`chmod 600 ${join(dir, 'identity.json')}`);
    expect(said).not.toContain(file.secretKey);
  });
});
