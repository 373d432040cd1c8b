'use strict';
// Benchmark 14: a large room simulated in one process (issue 21). `count` members, each
// its own RoomLogs (its Corestore on disk, as peer-tui keeps it), joined by in-memory Noise
// streams in a graph of the given degree (a ring, for one connected graph, plus random
// chords), each following every other member's log up to peer-tui's caps, each saying one
// line: the time until every member holds every line it follows, the bytes that crossed
// the streams per line per member, and the memory per member. The baseline is the same
// room as a full mesh (every member connected to every other), where the size allows.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Transform } = require('node:stream');
const { keyPair } = require('hypercore-crypto');
const SecretStream = require('@hyperswarm/secret-stream');
const { sleep } = require('./lib');
const { RoomLogs } = require('../dist/carriers/swarm/room-logs');
const { LIMITS } = require('../dist/wire/limits');

const ROOM = '#sim';

/** Counts the bytes one way of a stream pair. */
function counter(total) {
  return new Transform({
    transform(chunk, _encoding, done) {
      total.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

function link(a, b, total) {
  const one = new SecretStream(true, undefined, { keyPair: a.pair });
  const two = new SecretStream(false, undefined, { keyPair: b.pair });
  for (const s of [one, two]) s.on('error', () => undefined);
  one.rawStream.pipe(counter(total)).pipe(two.rawStream).pipe(counter(total)).pipe(one.rawStream);
  a.logs.attach(ROOM, one);
  b.logs.attach(ROOM, two);
}

/** Pairs of members: a ring, then chords until the mean degree is `degree`. */
function graph(count, degree) {
  const edges = new Set();
  const add = (i, j) => {
    if (i === j) return false;
    const key = i < j ? `${i} ${j}` : `${j} ${i}`;
    if (edges.has(key)) return false;
    edges.add(key);
    return true;
  };
  if (degree >= count - 1) {
    for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) add(i, j);
  } else {
    for (let i = 0; i < count; i++) add(i, (i + 1) % count);
    const want = Math.floor((count * degree) / 2);
    while (edges.size < want)
      add(Math.floor(Math.random() * count), Math.floor(Math.random() * count));
  }
  return [...edges].map((key) => key.split(' ').map(Number));
}

async function simRun(count, degree, timeoutMs = 600_000) {
  const root = mkdtempSync(join(tmpdir(), 'peer-tui-sim-'));
  const members = [];
  const heap0 = process.memoryUsage();
  const began0 = Date.now();
  for (let i = 0; i < count; i++) {
    const pair = keyPair();
    const m = { pair, got: new Set(), at: new Map() };
    m.logs = new RoomLogs(
      { keyPair: pair, storage: join(root, String(i)), backlog: 200, isIgnored: () => false },
      {
        entry: (_room, _key, entry) => {
          if (!m.got.has(entry.text)) {
            m.got.add(entry.text);
            m.at.set(entry.text, Date.now());
          }
        },
        held: () => undefined,
        own: () => undefined,
        note: () => undefined,
      },
    );
    await m.logs.open(ROOM);
    members.push(m);
  }
  const total = { bytes: 0 };
  for (const [i, j] of graph(count, degree)) link(members[i], members[j], total);
  // Each follows the others (peer-tui learns them through introductions; here at once), up
  // to its caps: past LIMITS.maxRoomMembers a member follows no more logs in the room.
  const keys = members.map((m) => m.pair.publicKey.toString('hex'));
  for (const m of members) for (const key of keys) m.logs.follow(ROOM, key);
  const followed = members.map((m) => m.logs.members(ROOM).length);
  // Replication's set-up (each log's channel on each connection) settles first: only what a
  // line costs is counted after it.
  for (let last = -1, quiet = 0; quiet < 4 && Date.now() - began0 < timeoutMs;) {
    await sleep(500);
    quiet = total.bytes === last ? quiet + 1 : 0;
    last = total.bytes;
  }
  const setupBytes = total.bytes;
  const sentAt = new Map();
  const t0 = Date.now();
  await Promise.all(
    members.map((m, i) => {
      sentAt.set(`line ${i}`, Date.now());
      return m.logs.post(ROOM, (i + 1).toString(16).padStart(16, '0'), `m${i}`, `line ${i}`);
    }),
  );
  // Each member can get only the lines of the logs it follows.
  const want = members.map((m) => new Set(m.logs.members(ROOM)).size);
  const indexOf = new Map(keys.map((key, i) => [key, i]));
  const wanted = members.map((m) => m.logs.members(ROOM).map((key) => `line ${indexOf.get(key)}`));
  const done = () => members.every((m, i) => wanted[i].every((text) => m.got.has(text)));
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await sleep(50);
  const allMs = done() ? Date.now() - t0 : NaN;
  const delivered = members.reduce((sum, m) => sum + m.got.size, 0);
  const latencies = members.flatMap((m) =>
    [...m.at].map(([text, at]) => at - (sentAt.get(text) ?? at)),
  );
  const mem = process.memoryUsage();
  const result = {
    count,
    degree: Math.min(degree, count - 1),
    delivered,
    want: want.reduce((a, b) => a + b, 0),
    everyone: count * (count - 1),
    followedMin: Math.min(...followed),
    allMs,
    setupMs: t0 - began0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bytesPerLinePerMember: (total.bytes - setupBytes) / Math.max(1, delivered),
    rssPerMember: (mem.rss - heap0.rss) / count / 2 ** 20,
  };
  for (const m of members) await m.logs.close();
  rmSync(root, { recursive: true, force: true });
  return result;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

module.exports = { simRun, cap: LIMITS.maxRoomMembers };

if (require.main === module) {
  (async () => {
    const count = Number(process.argv[2] ?? 100);
    const degree = Number(process.argv[3] ?? 8);
    console.log(JSON.stringify(await simRun(count, degree)));
    process.exit(0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
