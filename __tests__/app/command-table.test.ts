import { fingerprint } from '../../src/wire/fingerprint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMMANDS,
  COMMAND_HELP,
  execute,
  parseInput,
  type CommandContext,
} from '../../src/app/commands';
import { completions } from '../../src/app/completion';
import type { PeerNode } from '../../src/node/node';
import { makeAddress } from '../../src/wire/address';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** A node with no peers, recording what it was asked to send. */
function context(): CommandContext & { sent: string[] } {
  const sent: string[] = [];
  const node = {
    peers: { listed: () => [], all: () => [] },
    send: (to: { key: string }, text: string) => {
      sent.push(`${to.key} ${text}`);
      return Promise.resolve();
    },
  } as unknown as PeerNode;
  return { node, target: { to: null }, later: () => {}, sent };
}

function run(line: string, ctx = context()): ReturnType<typeof execute> {
  const parsed = parseInput(line);
  if (!parsed.ok) throw new Error(parsed.error);
  return execute(parsed.command, ctx);
}

describe('the command table', () => {
  it('has one entry per command kind, each with a usage and a help line', () => {
    expect(new Set(COMMANDS.map((spec) => spec.kind)).size).toBe(COMMANDS.length);
    for (const spec of COMMANDS) {
      expect(spec.help.length).toBeGreaterThan(5);
      if (spec.names.length > 0) expect(spec.usage.startsWith(`/${spec.names[0]}`)).toBe(true);
    }
  });

  it('is what the README lists, for the screen and for headless mode', () => {
    const [, screen = '', headless = ''] = README.split(/^## (?:The full screen|Headless mode)/m);
    for (const [usage] of COMMAND_HELP) {
      const written = `\`${usage.split(' ')[0]}`;
      expect({ usage, screen: screen.includes(written) }).toEqual({ usage, screen: true });
      expect({ usage, headless: headless.includes(written) }).toEqual({ usage, headless: true });
    }
  });

  it('completes command names from the table', () => {
    expect(completions('/fil', true, [])).toEqual(['/filter', '/file', '/files']);
    expect(completions('/fi', true, [])).toEqual(['/filter', '/fingerprint', '/file', '/files']);
    expect(completions('/m', true, [])).toEqual(['/msg', '/me']);
  });

  it('answers the same for every front end: /broadcast with nobody listed is an error', () => {
    expect(run('/broadcast hello')).toEqual([
      { type: 'error', message: 'no connected peers to broadcast to' },
    ]);
  });

  it('sends plain text to the target /to set, and says where it goes', () => {
    const ctx = context();
    expect(run('plain', ctx)).toEqual([
      { type: 'error', message: 'no target: /to IP:PORT or /send IP:PORT TEXT first' },
    ]);
    expect(run('/to 127.0.0.1:9090', ctx)).toMatchObject([
      {
        type: 'say',
        event: 'target',
        lines: ['plain text now goes to 127.0.0.1:9090'],
        system: true,
      },
    ]);
    expect(ctx.target.to).toEqual(makeAddress('127.0.0.1', 9090));
    expect(run('hello there', ctx)).toMatchObject([
      { type: 'sending', to: { key: '127.0.0.1:9090' }, text: 'hello there' },
    ]);
    expect(ctx.sent).toEqual(['127.0.0.1:9090 hello there']);
  });

  it('/net says what the DHT knows, each room connection by its peer, before a room: how to start', () => {
    const net = {
      bootstrapped: true,
      nodes: 4,
      nat: 'random' as const,
      publicAddress: '198.51.100.7',
      relays: 0,
      lentRelays: 1,
      lending: true,
      connections: [
        {
          key: 'ab'.repeat(32),
          remote: '127.0.0.1:5000',
          way: 'lan' as const,
          via: null,
          rttMs: 1,
        },
        {
          key: 'ef'.repeat(32),
          remote: '198.18.0.1:49737',
          way: 'relayed' as const,
          via: '12'.repeat(32),
          rttMs: null,
        },
      ],
      unreached: [{ key: 'cd'.repeat(32), code: 'HOLEPUNCH_DOUBLE_RANDOMIZED_NATS' }],
    };
    const withNet = (view: typeof net | null): CommandContext & { sent: string[] } => {
      const ctx = context();
      Object.assign(ctx.node, {
        rooms: { network: () => view },
        peers: {
          all: () => [
            { key: 'ab'.repeat(32), address: { key: '127.0.0.1:9' }, name: 'bob', alias: null },
          ],
        },
      });
      return ctx;
    };
    expect(run('/net', withNet(null))).toEqual([
      {
        type: 'say',
        event: 'net',
        lines: ['no DHT yet: /join #ROOM starts it'],
        data: { net: null },
      },
    ]);
    const [outcome] = run('/net', withNet(net));
    expect(outcome).toMatchObject({ type: 'say', event: 'net', data: { net } });
    expect(outcome?.type === 'say' ? outcome.lines : []).toEqual([
      'DHT: joined, 4 nodes known',
      'NAT: changes ports (members behind the same kind need a relay); public address 198.51.100.7',
      'relays: none given (--relay KEY adds one), 1 lent by members; you lend one to your rooms',
      '2 room connections:',
      '  127.0.0.1:9 bob: on your LAN at 127.0.0.1:5000, round trip 1 ms',
      `  @${'ef'.repeat(8)}: relayed through ${fingerprint('12'.repeat(32))} at 198.18.0.1:49737`,
      '1 member found but out of reach:',
      `  @${'cd'.repeat(8)}: HOLEPUNCH_DOUBLE_RANDOMIZED_NATS (both behind NATs that change ports: a relay, --relay KEY, reaches it)`,
    ]);
  });

  it('a room line that reached nobody says whether members were found but out of reach', () => {
    const inRoom = (unreached: number): CommandContext & { sent: string[] } => {
      const ctx = context();
      const network = () => ({
        unreached: Array.from({ length: unreached }, (_, i) => ({ key: String(i), code: 'X' })),
      });
      Object.assign(ctx.node, {
        rooms: { say: () => [], unreachedCount: () => network().unreached.length },
      });
      return ctx;
    };
    const kept = (unreached: number): unknown => run('/send #cs216 hi', inRoom(unreached))[1];
    expect(kept(0)).toMatchObject({
      event: 'room-kept',
      lines: ['#cs216 has no other member yet: kept in your log for those who come'],
    });
    expect(kept(2)).toMatchObject({
      event: 'room-kept',
      lines: [
        '#cs216: nobody reached yet, 2 members found but out of reach (/net says why): kept in your log for when one is reached',
      ],
      data: { room: '#cs216', unreached: 2 },
    });
  });

  it('a room line that reached some says the members out of reach, again only when their number changes', () => {
    const ctx = context();
    let unreached = 1;
    const network = () => ({
      unreached: Array.from({ length: unreached }, (_, i) => ({ key: String(i), code: 'X' })),
    });
    Object.assign(ctx.node, {
      rooms: {
        say: () => ['0000000000000001'],
        unreachedCount: () => network().unreached.length,
      },
    });
    const said = () =>
      run('/send #cs216 hi', ctx).map((outcome) => outcome.type === 'say' && outcome.event);
    expect(run('/send #cs216 hi', ctx)[1]).toMatchObject({
      event: 'room-unreached',
      lines: ['#cs216: 1 member found but out of reach (/net says why): not sent to them'],
      data: { room: '#cs216', unreached: 1 },
    });
    expect(said()).toEqual([false]);
    unreached = 2;
    expect(said()).toEqual([false, 'room-unreached']);
    unreached = 0;
    expect(said()).toEqual([false]);
    unreached = 2;
    expect(said()).toEqual([false, 'room-unreached']);
  });
});
