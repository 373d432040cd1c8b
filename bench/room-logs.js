'use strict';
// Benchmarks 12 and 13: rooms that remember (room logs on Hypercore, issue 21).
// 12: `count` peer-tui in one room on a local DHT, each saying one line: with the default
//     cap of room connections (--room-peers 8) against a full mesh (--room-peers count-1),
//     until every member has every line.
// 13: a late joiner's backlog: a member's log of 10,000 messages; the time until the last
//     200 are shown to a member that meets it for the first time, and to one reading them
//     from its own disk, against reading the last 200 lines of a local JSON-lines file.
const { mkdtempSync, writeFileSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const createTestnet = require('hyperdht/testnet');
const { keyPair } = require('hypercore-crypto');
const SecretStream = require('@hyperswarm/secret-stream');
const { percentile, procStats, sleep } = require('./lib');
const { roomMember } = require('./room');
const { RoomLogs } = require('../dist/carriers/swarm/room-logs');

const ROOM = '#logs-bench';

async function waitFor(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/**
 * Listening ports below the ephemeral range: fifty processes' DHT sockets take ephemeral
 * ports, and one taken between `freePort` and the start failed a run.
 */
const PORT_BASE = 20_000 + Math.floor(Math.random() * 9_000);

async function member(bootstrap, i, roomPeers) {
  const port = PORT_BASE + (i % 1000) + (roomPeers === 8 ? 0 : 500);
  const r = roomMember(bootstrap, `m${i}`, port, ROOM, roomPeers);
  const m = { r, met: 0, lines: new Map() };
  r.onLine((line) => {
    if (line.includes('"type":"member-joined"')) m.met += 1;
    if (line.includes('"type":"message"') && line.includes(`"room":"${ROOM}"`)) {
      const text = JSON.parse(line).text;
      if (!m.lines.has(text)) m.lines.set(text, Date.now());
    }
  });
  m.say = (text) => r.child.stdin.write(`/send ${ROOM} ${text}\n`);
  return m;
}

/**
 * Bytes sent on loopback by everything in this network namespace (/proc/self/net/dev):
 * run inside a namespace of its own (as `.ci/run` and the bench notes do), that is the
 * room's traffic alone: every member and the local DHT.
 */
function loopbackBytes() {
  const line = readFileSync('/proc/self/net/dev', 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith('lo:'));
  return line ? Number(line.trim().split(/\s+/)[9]) : NaN;
}

/** One line from each of `count` members, until each has all the others' (or 120 s). */
async function roomRun(count, roomPeers) {
  const testnet = await createTestnet(3, { host: '127.0.0.1' });
  const [bootstrap] = testnet.bootstrap;
  const members = [];
  try {
    for (let i = 0; i < count; i++) members.push(await member(bootstrap, i, roomPeers));
    // Each speaks once it has met someone: its log then has somewhere to go.
    await waitFor(() => members.every((m) => m.met > 0), 90_000);
    const sentAt = new Map();
    const bytes0 = loopbackBytes();
    members.forEach((m, i) => {
      sentAt.set(`line ${i}`, Date.now());
      m.say(`line ${i}`);
    });
    const began = Date.now();
    const want = count * (count - 1);
    const got = () => members.reduce((sum, m) => sum + m.lines.size, 0);
    const all = await waitFor(() => got() >= want, 120_000);
    const allMs = all ? Date.now() - began : NaN;
    // Per line delivered to a member: everything sent meanwhile, keep-alives included.
    const bytesPerLine = (loopbackBytes() - bytes0) / Math.max(1, got());
    const latencies = members.flatMap((m) =>
      [...m.lines].map(([text, at]) => at - (sentAt.get(text) ?? at)),
    );
    const stats = members.map((m) => procStats(m.r.child.pid));
    const mean = (f) => stats.reduce((sum, s) => sum + f(s), 0) / stats.length;
    return {
      delivered: got(),
      want,
      allMs,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      bytesPerLine,
      cpu: mean((s) => s.cpu),
      rss: mean((s) => s.rss),
    };
  } finally {
    for (const m of members) m.r.child.kill('SIGKILL');
    await testnet.destroy();
  }
}

function connect(a, b, keys) {
  const one = new SecretStream(true, undefined, { keyPair: keys[0] });
  const two = new SecretStream(false, undefined, { keyPair: keys[1] });
  for (const s of [one, two]) s.on('error', () => undefined);
  one.rawStream.pipe(two.rawStream).pipe(one.rawStream);
  a.attach(ROOM, one);
  b.attach(ROOM, two);
}

const quiet = { held: () => undefined, own: () => undefined, note: () => undefined };

/** 13: the last `shown` of `total` messages, to a newcomer, from disk, and from a file. */
async function backlogRun(total = 10_000, shown = 200) {
  const [pa, pb] = [keyPair(), keyPair()];
  const author = new RoomLogs(
    {
      keyPair: pa,
      storage: mkdtempSync(join(tmpdir(), 'peer-tui-backlog-a-')),
      backlog: shown,
      isIgnored: () => false,
    },
    { ...quiet, entry: () => undefined },
  );
  await author.open(ROOM);
  const lines = [];
  for (let i = 0; i < total; i++) {
    const text = `message ${i} of the room, about as long as a chat line is`;
    await author.post(ROOM, (i + 1).toString(16).padStart(16, '0'), 'amy', text);
    lines.push(JSON.stringify({ t: Date.now(), type: 'in', peer: '@amy', name: 'amy', text }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-backlog-b-'));
  let seen = 0;
  const newcomer = new RoomLogs(
    { keyPair: pb, storage: dir, backlog: shown, isIgnored: () => false },
    { ...quiet, entry: () => (seen += 1) },
  );
  await newcomer.open(ROOM);
  const fresh0 = process.hrtime.bigint();
  connect(author, newcomer, [pa, pb]);
  newcomer.follow(ROOM, pa.publicKey.toString('hex'));
  await waitFor(() => seen >= shown, 60_000);
  const freshMs = Number(process.hrtime.bigint() - fresh0) / 1e6;
  await sleep(500);
  await newcomer.close();
  await author.close();

  seen = 0;
  const disk0 = process.hrtime.bigint();
  const again = new RoomLogs(
    { keyPair: pb, storage: dir, backlog: shown, isIgnored: () => false },
    { ...quiet, entry: () => (seen += 1) },
  );
  await again.open(ROOM);
  const diskMs = Number(process.hrtime.bigint() - disk0) / 1e6;
  const diskSeen = seen;
  await again.close();

  const file = join(mkdtempSync(join(tmpdir(), 'peer-tui-backlog-f-')), 'history.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const file0 = process.hrtime.bigint();
  const last = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(-shown)
    .map((l) => JSON.parse(l));
  const fileMs = Number(process.hrtime.bigint() - file0) / 1e6;
  return { freshMs, diskMs, diskSeen, fileMs, fileSeen: last.length, total, shown };
}

module.exports = { roomRun, backlogRun };

if (require.main === module) {
  (async () => {
    const count = Number(process.argv[2] ?? 50);
    const backlog = await backlogRun();
    console.log(JSON.stringify({ backlog }));
    const capped = await roomRun(count, 8);
    console.log(JSON.stringify({ capped }));
    const mesh = await roomRun(count, count - 1);
    console.log(JSON.stringify({ mesh }));
    process.exit(0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
