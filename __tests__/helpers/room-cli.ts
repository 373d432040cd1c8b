import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import createTestnet from 'hyperdht/testnet';
import { freePort, killAll, startCli, type RunningCli } from './cli';

type Testnet = Awaited<ReturnType<typeof createTestnet>>;

/**
 * How long members may take to meet: usually under a second, but a connection attempt
 * hyperdht makes passively (its node thinks itself reachable on loopback) waits 10 s before
 * it gives up and Hyperswarm tries again; a busy 2-core machine can meet that twice.
 */
export const MEET_MS = 60_000;

/**
 * A local DHT for each test of the file (every node bound to 127.0.0.1; the programs bind
 * theirs there too), destroyed after it with every program the test started.
 */
export function useLocalDht(): () => Testnet {
  let testnet: Testnet | undefined;
  beforeEach(async () => {
    testnet = await createTestnet(3, { host: '127.0.0.1' });
  });
  afterEach(async () => {
    killAll();
    await testnet?.destroy();
    testnet = undefined;
  });
  return () => {
    if (!testnet) throw new Error('no local DHT outside a test');
    return testnet;
  };
}

export interface Member {
  cli: RunningCli;
  name: string;
  port: number;
  dir: string;
}

/** A real peer-tui, headless and in JSON, in `rooms` on the local DHT `testnet`. */
export async function roomMember(
  testnet: { bootstrap: { host: string; port: number }[] },
  name: string,
  rooms: string[],
  reuse?: Member,
  extra: string[] = [],
): Promise<Member> {
  const port = reuse?.port ?? (await freePort());
  const dir = reuse?.dir ?? mkdtempSync(join(tmpdir(), `peer-tui-room-${name}-`));
  const dht = testnet.bootstrap.flatMap((node) => ['--dht-bootstrap', `${node.host}:${node.port}`]);
  const cli = startCli([
    '--headless',
    '--json',
    '--name',
    name,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--data-dir',
    dir,
    '--dht-host',
    '127.0.0.1',
    ...dht,
    ...rooms.flatMap((room) => ['--room', room]),
    // Test files run side by side with the same room names: no LAN beacons between them.
    '--lan-port',
    '0',
    ...extra,
  ]);
  await cli.waitFor('"type":"listening"');
  return { cli, name, port, dir };
}

export type Event = Record<string, unknown> & { type: string };
/**
 * A member's events, parsed once each: the DHT lives in this process, and re-parsing all
 * output at every poll slowed it enough to slow the members' meeting tenfold.
 */
const parsed = new Map<Member, { upTo: number; events: Event[] }>();
export function events(m: Member): Event[] {
  const seen = parsed.get(m) ?? { upTo: 0, events: [] };
  parsed.set(m, seen);
  const out = m.cli.stdout();
  const end = out.lastIndexOf('\n') + 1;
  if (end > seen.upTo) {
    for (const line of out.slice(seen.upTo, end).split('\n'))
      if (line.startsWith('{')) seen.events.push(JSON.parse(line) as Event);
    seen.upTo = end;
  }
  return seen.events;
}
export const named = (e: Event): string => (e.peer as { name: string }).name;
/** Who this member has seen join `room`, minus those it saw leave since. */
export function present(m: Member, room: string): string[] {
  const here = new Set<string>();
  for (const e of events(m)) {
    if (e.room !== room) continue;
    if (e.type === 'member-joined') here.add(named(e));
    if (e.type === 'member-left') here.delete(named(e));
  }
  return [...here].sort();
}
export const texts = (m: Member, room: string): string[] =>
  events(m)
    .filter((e) => e.type === 'message' && e.room === room)
    .map((e) => `${String(e.name)}: ${String(e.text)}`)
    .sort();
