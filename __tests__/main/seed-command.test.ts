import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killAll, startCli, type RunningCli } from '../helpers/cli';
import { waitUntil } from '../helpers/net';
import { seedPlace } from '../../src/main/seed-command';
import { MEET_MS, present, roomMember } from '../helpers/room-cli';

// `peer-tui seed`, the real program: a class's members meet on it, and it restarts as itself.

afterEach(() => killAll());

interface SeedLine {
  type: string;
  bootstrap: string;
  relay: string;
  nodes: number;
}

async function seed(dir: string, port: number): Promise<{ cli: RunningCli; line: SeedLine }> {
  const args = ['seed', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dir, '--json'];
  const cli = startCli(args);
  await cli.waitFor('"type":"seed"', 20_000);
  const line = JSON.parse(cli.stdout().split('\n')[0] ?? '') as SeedLine;
  return { cli, line };
}

describe('peer-tui seed', () => {
  it('gives the bootstrap and relay to hand out; two members meet on it; it stops on a signal and comes back with the same relay key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-tui-seed-'));
    const port = await freePort();
    const first = await seed(dir, port);
    expect(first.line).toMatchObject({ bootstrap: `127.0.0.1:${port}`, nodes: 5 });
    expect(first.line.relay).toMatch(/^[0-9a-f]{64}$/);
    // The relay's secret key is its owner's only.
    expect(statSync(join(dir, 'identity.json')).mode & 0o077).toBe(0);

    const testnet = { bootstrap: [{ host: '127.0.0.1', port }] };
    const amy = await roomMember(testnet, 'amy', ['#class']);
    const bob = await roomMember(testnet, 'bob', ['#class']);
    await waitUntil(
      () => present(amy, '#class').join() === 'bob' && present(bob, '#class').join() === 'amy',
      MEET_MS,
      'amy and bob meet on the seed',
    );

    first.cli.child.kill('SIGTERM');
    expect(await first.cli.exited).toBe(0);
    expect(first.cli.stdout()).toContain('"type":"seed-stopped"');
    const again = await seed(dir, port);
    expect(again.line.relay).toBe(first.line.relay);
  }, 120_000);

  it('says so and exits 2 when it cannot bind its port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-tui-seed-'));
    const port = await freePort();
    const first = await seed(dir, port);
    const second = startCli([
      'seed',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data-dir',
      dir,
    ]);
    expect(await second.exited).toBe(2);
    expect(second.stderr()).toMatch(/peer-tui: seed: .*(EADDRINUSE|bind)/i);
    first.cli.child.kill('SIGTERM');
    expect(await first.cli.exited).toBe(0);
  }, 60_000);
});

describe("the seed's place", () => {
  it("comes from its own flags only, never from the chat's config", () => {
    const options = { host: '10.0.0.5', port: 8080, dataDir: '/home/me/chat' };
    const fromConfig = { host: 'config', port: 'config', 'data-dir': 'config' } as const;
    expect(seedPlace(options, fromConfig)).toEqual({
      host: undefined,
      port: undefined,
      dataDir: undefined,
    });
    const fromFlags = { host: 'flag', port: 'flag', 'data-dir': 'flag' } as const;
    expect(seedPlace(options, fromFlags)).toEqual(options);
  });
});
