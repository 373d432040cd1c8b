import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import SecretStream from '@hyperswarm/secret-stream';
import Corestore from 'corestore';
import { keyPair, type KeyPair } from 'hypercore-crypto';
import { RoomLogs } from '../../../src/carriers/swarm/room-logs';
import { LIMITS } from '../../../src/wire/limits';
import {
  encodeRoomEntry,
  logEncryptionKey,
  logManifest,
  type RoomEntry,
} from '../../../src/wire/room-log';
import { waitUntil } from '../../helpers/net';

// The room logs on their own: Corestores replicated over in-memory streams, no DHT.

const ROOM = '#logs';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

const folder = (): string => mkdtempSync(join(tmpdir(), 'peer-tui-logs-'));

interface Seen {
  lines: string[];
  notes: string[];
  held: string[];
}

function logsOf(pair: KeyPair, ignored: string[] = []): { logs: RoomLogs; seen: Seen } {
  const seen: Seen = { lines: [], notes: [], held: [] };
  const logs = new RoomLogs(
    { keyPair: pair, storage: folder(), backlog: 200, isIgnored: (key) => ignored.includes(key) },
    {
      entry: (_room, _key, entry, shown) =>
        seen.lines.push(`${entry.name}: ${entry.text}${shown.backlog ? ' (earlier)' : ''}`),
      held: (_room, id, key) => seen.held.push(`${id} ${key.slice(0, 8)}`),
      own: (_room, e) => seen.lines.push(`me: ${e.text} (earlier)`),
      note: (_room, text) => seen.notes.push(text),
    },
  );
  open.push(logs);
  return { logs, seen };
}

/**
 * Two ends joined by Noise streams keyed as their members (as Hyperswarm's are), piped
 * together in memory: each side replicates over its stream, as over a room connection.
 */
function connect(
  a: RoomLogs | Corestore,
  b: RoomLogs,
  keys: [KeyPair, KeyPair] = [keyPair(), keyPair()],
): void {
  const one = new SecretStream(true, undefined, { keyPair: keys[0] });
  const two = new SecretStream(false, undefined, { keyPair: keys[1] });
  const raw = (stream: SecretStream): Duplex =>
    (stream as unknown as { rawStream: Duplex }).rawStream;
  for (const stream of [one, two]) stream.on('error', () => undefined);
  raw(one).pipe(raw(two)).pipe(raw(one));
  // A RoomLogs replicates a room's logs only over a stream that proved the room (here, by
  // being given it); a member's own store (the rogue's) replicates whatever it holds.
  if (a instanceof RoomLogs) a.attach(ROOM, one);
  else a.replicate(one);
  b.attach(ROOM, two);
}

const hex = (pair: KeyPair): string => pair.publicKey.toString('hex');

/** A member writing its own log by hand: whatever bytes it likes, signed with its key. */
async function rogueLog(pair: KeyPair): Promise<{
  store: Corestore;
  append(block: Buffer): Promise<void>;
}> {
  const store = new Corestore(folder());
  const core = store.get({
    keyPair: pair,
    manifest: logManifest(pair.publicKey, ROOM),
    encryption: { key: logEncryptionKey(ROOM) },
  });
  await core.ready();
  open.push(store);
  return {
    store,
    append: async (block) => {
      await core.append(block);
    },
  };
}

const entry = (text: string, at = Date.now()): RoomEntry => ({
  v: 1,
  id: Math.floor(Math.random() * 2 ** 48)
    .toString(16)
    .padStart(16, '0'),
  name: 'rogue',
  text,
  at,
  seen: [],
});

describe('room logs', () => {
  it('a member who was never connected to the author gets its lines through one who was', async () => {
    const [pa, pb, pc] = [keyPair(), keyPair(), keyPair()];
    const a = logsOf(pa);
    const b = logsOf(pb);
    const c = logsOf(pc);
    for (const x of [a, b, c]) await x.logs.open(ROOM);
    await a.logs.post(ROOM, '00000000000000a1', 'amy', 'hello from a');
    connect(a.logs, b.logs);
    b.logs.follow(ROOM, hex(pa));
    await waitUntil(() => b.seen.lines.length === 1, 10_000, 'a at b');
    // c knows a's key (an introduction) but is connected only to b.
    connect(b.logs, c.logs);
    c.logs.follow(ROOM, hex(pa));
    await waitUntil(() => c.seen.lines.length === 1, 10_000, 'a at c, through b');
    // Written after c joined: a live line, not an earlier one.
    expect(c.seen.lines).toEqual(['amy: hello from a']);
  });

  it('counts who holds our entry: a member that downloaded it', async () => {
    const [pa, pb] = [keyPair(), keyPair()];
    const a = logsOf(pa);
    const b = logsOf(pb);
    await a.logs.open(ROOM);
    await b.logs.open(ROOM);
    a.logs.follow(ROOM, hex(pb));
    const members = await a.logs.post(ROOM, '00000000000000b1', 'amy', 'hold this');
    expect(members).toEqual([hex(pb)]);
    connect(a.logs, b.logs, [pa, pb]);
    b.logs.follow(ROOM, hex(pa));
    await waitUntil(() => a.seen.held.length === 1, 10_000, 'b holds it');
    expect(a.seen.held).toEqual([`00000000000000b1 ${hex(pb).slice(0, 8)}`]);
  });

  it("a log written with another key than its member's cannot be made: nobody posts as another", async () => {
    const [victim, forger] = [keyPair(), keyPair()];
    const store = new Corestore(folder());
    open.push(store);
    const core = store.get({
      keyPair: forger,
      manifest: logManifest(victim.publicKey, ROOM),
      encryption: { key: logEncryptionKey(ROOM) },
    });
    await core.ready().catch(() => undefined);
    // The victim's log (its key is the victim's and the room's), but not the victim's key.
    expect(core.key.equals(RoomLogs.logKey(victim.publicKey, ROOM))).toBe(true);
    await expect(core.append(encodeRoomEntry(entry('as the victim')))).rejects.toThrow(
      /not a declared signer/,
    );
  });

  it('blocks that are no entry, or too large, are skipped with a note; the rest shows', async () => {
    const [pr, pb] = [keyPair(), keyPair()];
    const rogue = await rogueLog(pr);
    await rogue.append(Buffer.from('not json'));
    await rogue.append(Buffer.from(JSON.stringify({ v: 1, text: 'no id' })));
    await rogue.append(encodeRoomEntry(entry('x'.repeat(LIMITS.maxRoomEntryBytes))));
    await rogue.append(encodeRoomEntry(entry('a fine line')));
    const b = logsOf(pb);
    await b.logs.open(ROOM);
    connect(rogue.store, b.logs);
    b.logs.follow(ROOM, hex(pr));
    await waitUntil(() => b.seen.lines.length === 1, 10_000, 'the fine line');
    expect(b.seen.lines).toEqual(['rogue: a fine line (earlier)']);
    expect(b.seen.notes.map((note) => note.replace(/^\S+ /, ''))).toEqual([
      expect.stringContaining('E_ENTRY_INVALID'),
      expect.stringContaining('E_ENTRY_INVALID'),
      expect.stringContaining('E_ENTRY_TOO_LARGE'),
    ]);
  });

  it('a member past its rate is muted with one note', async () => {
    const [pr, pb] = [keyPair(), keyPair()];
    const b = logsOf(pb);
    await b.logs.open(ROOM);
    const rogue = await rogueLog(pr);
    connect(rogue.store, b.logs);
    b.logs.follow(ROOM, hex(pr));
    // Caught up first: what comes after is live, and counts toward the rate.
    await rogue.append(encodeRoomEntry(entry('before')));
    await waitUntil(() => b.seen.lines.length === 1, 10_000, 'the first line');
    const flood = LIMITS.roomEntriesPerMinute + 40;
    for (let i = 0; i < flood; i += 1) await rogue.append(encodeRoomEntry(entry(`flood ${i}`)));
    await waitUntil(() => b.seen.notes.length === 1, 10_000, 'the mute note');
    await waitUntil(() => b.seen.lines.length >= LIMITS.roomEntriesPerMinute, 10_000, 'the rate');
    expect(b.seen.lines.length).toBeLessThanOrEqual(LIMITS.roomEntriesPerMinute + 1);
    expect(b.seen.notes[0]).toContain('muted');
  });

  it("an ignored member's log is neither followed nor shown", async () => {
    const [pa, pb] = [keyPair(), keyPair()];
    const a = logsOf(pa);
    const b = logsOf(pb, [hex(pa)]);
    await a.logs.open(ROOM);
    await b.logs.open(ROOM);
    await a.logs.post(ROOM, '00000000000000c1', 'amy', 'you ignore me');
    connect(a.logs, b.logs);
    b.logs.follow(ROOM, hex(pa));
    expect(b.logs.members(ROOM)).toEqual([]);
  });

  it('what was shown comes back after a restart, from disk, as earlier', async () => {
    const [pa, pb] = [keyPair(), keyPair()];
    const a = logsOf(pa);
    await a.logs.open(ROOM);
    await a.logs.post(ROOM, '00000000000000d1', 'amy', 'kept on disk');
    const dir = folder();
    const first = new RoomLogs(
      { keyPair: pb, storage: dir, backlog: 200, isIgnored: () => false },
      {
        entry: () => undefined,
        held: () => undefined,
        own: () => undefined,
        note: () => undefined,
      },
    );
    await first.open(ROOM);
    connect(a.logs, first);
    first.follow(ROOM, hex(pa));
    await waitUntil(() => first.members(ROOM).length === 1);
    // Downloaded: the entry is on b's disk.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await first.close();
    await a.logs.close();
    const lines: string[] = [];
    const again = new RoomLogs(
      { keyPair: pb, storage: dir, backlog: 200, isIgnored: () => false },
      {
        entry: (_room, _key, e, shown) =>
          lines.push(`${e.text}${shown.backlog ? ' (earlier)' : ''}`),
        held: () => undefined,
        own: () => undefined,
        note: () => undefined,
      },
    );
    open.push(again);
    await again.open(ROOM);
    expect(lines).toEqual(['kept on disk (earlier)']);
  });

  it('our own lines of an earlier run come back in the backlog, in their place', async () => {
    const pa = keyPair();
    const dir = folder();
    const first = new RoomLogs(
      { keyPair: pa, storage: dir, backlog: 200, isIgnored: () => false },
      {
        entry: () => undefined,
        held: () => undefined,
        own: () => undefined,
        note: () => undefined,
      },
    );
    await first.open(ROOM);
    await first.post(ROOM, '00000000000000e1', 'amy', 'mine, before');
    await first.close();
    const lines: string[] = [];
    const again = new RoomLogs(
      { keyPair: pa, storage: dir, backlog: 200, isIgnored: () => false },
      {
        entry: () => undefined,
        held: () => undefined,
        own: (_room, e) => lines.push(e.text),
        note: () => undefined,
      },
    );
    open.push(again);
    await again.open(ROOM);
    expect(lines).toEqual(['mine, before']);
  });

  it('a log past its disk cap has its oldest blocks cleared; the newest stay', async () => {
    const pa = keyPair();
    const dir = folder();
    const quiet = {
      entry: () => undefined,
      held: () => undefined,
      own: () => undefined,
      note: () => undefined,
    };
    const first = new RoomLogs(
      { keyPair: pa, storage: dir, backlog: 1000, isIgnored: () => false, logBytes: 4000 },
      quiet,
    );
    await first.open(ROOM);
    for (let i = 0; i < 130; i += 1)
      await first.post(
        ROOM,
        (i + 1).toString(16).padStart(16, '0'),
        'amy',
        `line ${i} ${'x'.repeat(40)}`,
      );
    await first.close();
    const kept: string[] = [];
    const again = new RoomLogs(
      { keyPair: pa, storage: dir, backlog: 1000, isIgnored: () => false },
      { ...quiet, own: (_room, e) => kept.push(e.text.split(' ').slice(0, 2).join(' ')) },
    );
    open.push(again);
    await again.open(ROOM);
    // Cleared at the 64th and 128th entries: what was past the cap then is gone.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(130);
    expect(kept.at(-1)).toBe('line 129');
    expect(kept).not.toContain('line 0');
  });

  it('a newcomer to a long log shows its last entries, in order, and mutes nobody for them', async () => {
    const [pa, pb] = [keyPair(), keyPair()];
    const a = logsOf(pa);
    await a.logs.open(ROOM);
    for (let i = 0; i < 300; i += 1)
      await a.logs.post(ROOM, (i + 1).toString(16).padStart(16, '0'), 'amy', `line ${i}`);
    const b = logsOf(pb);
    await b.logs.open(ROOM);
    connect(a.logs, b.logs, [pa, pb]);
    b.logs.follow(ROOM, hex(pa));
    await waitUntil(() => b.seen.lines.length === 200, 20_000, 'the last 200');
    expect(b.seen.lines[0]).toBe('amy: line 100 (earlier)');
    expect(b.seen.lines.at(-1)).toBe('amy: line 299 (earlier)');
    expect(b.seen.notes).toEqual([]);
  });

  it('logs replicate only over a connection that proved their room', async () => {
    const [pa, pb] = [keyPair(), keyPair()];
    const a = logsOf(pa);
    const b = logsOf(pb);
    await a.logs.open(ROOM);
    await b.logs.open(ROOM);
    await a.logs.post(ROOM, '00000000000000f1', 'amy', 'for the room only');
    const one = new SecretStream(true, undefined, { keyPair: pa });
    const two = new SecretStream(false, undefined, { keyPair: pb });
    const raw = (stream: SecretStream): Duplex =>
      (stream as unknown as { rawStream: Duplex }).rawStream;
    for (const stream of [one, two]) stream.on('error', () => undefined);
    raw(one).pipe(raw(two)).pipe(raw(one));
    // b asks (it knows the key), but a has not seen the room proven on this connection.
    b.logs.attach(ROOM, two);
    b.logs.follow(ROOM, hex(pa));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(b.seen.lines).toEqual([]);
    a.logs.attach(ROOM, one);
    await waitUntil(() => b.seen.lines.length === 1, 10_000, 'the line once proven');
  });
});
