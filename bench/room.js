'use strict';
// Benchmark 9: a room on a local DHT (every DHT node bound to 127.0.0.1). `count` peer-tui
// join one room at once; against the same number of bare Hyperswarm processes
// (bench/baseline-room.js) doing the least: join, greet each connection once, count.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const createTestnet = require('hyperdht/testnet');
const { CLI, freePort, procStats, receiver, sleep } = require('./lib');

const ROOM = '#bench';

async function waitFor(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Spawns `count` members; each reports members seen and messages got. */
async function spawnAll(count, start) {
  const members = [];
  for (let i = 0; i < count; i++) members.push(await start(i));
  return members;
}

/**
 * A headless peer-tui in `room` on the local DHT at `bootstrap`, in a data folder of its
 * own, with its JSON events on stdout (shared with bench/room-logs.js).
 */
function roomMember(bootstrap, name, port, room, roomPeers) {
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-room-bench-'));
  return receiver(process.execPath, [
    CLI,
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
    '--dht-bootstrap',
    `${bootstrap.host}:${bootstrap.port}`,
    '--room-peers',
    String(roomPeers),
    '--room',
    room,
  ]);
}

async function peerTuiMember(bootstrap, i) {
  // Every member connected to every other: row 9 measures meeting, as before the cap.
  const r = roomMember(bootstrap, `m${i}`, await freePort(), ROOM, 256);
  const member = { r, seen: new Set(), got: 0 };
  r.onLine((line) => {
    if (line.includes('"type":"member-joined"')) member.seen.add(JSON.parse(line).peer.address);
    if (line.includes('"type":"member-left"')) member.seen.delete(JSON.parse(line).peer.address);
    if (line.includes('"type":"message"') && line.includes(`"room":"${ROOM}"`)) member.got += 1;
  });
  member.say = (text) => r.child.stdin.write(`/send ${ROOM} ${text}\n`);
  return member;
}

async function bareMember(bootstrap) {
  const r = receiver(process.execPath, [
    join(__dirname, 'baseline-room.js'),
    `${bootstrap.host}:${bootstrap.port}`,
  ]);
  // Connections per key: Hyperswarm replaces duplicates (a close, then a new one).
  const open = new Map();
  const member = { r, seen: open, got: 0 };
  r.onLine((line) => {
    const [event, key] = line.split(' ');
    if (event === 'peer') open.set(key, (open.get(key) ?? 0) + 1);
    if (event === 'gone') {
      const left = (open.get(key) ?? 1) - 1;
      if (left === 0) open.delete(key);
      else open.set(key, left);
    }
    if (event === 'msg') member.got += 1;
  });
  member.say = (text) => r.child.stdin.write(`${text}\n`);
  return member;
}

/**
 * Time until all see all (or, past `meshLimitMs`, how many of the pairs met), then until
 * one message from each reached every member it is connected to.
 */
async function roomRun(kind, count = 50, meshLimitMs = 90_000) {
  const testnet = await createTestnet(3, { host: '127.0.0.1' });
  const [bootstrap] = testnet.bootstrap;
  const began = Date.now();
  const members = await spawnAll(count, (i) =>
    kind === 'ours' ? peerTuiMember(bootstrap, i) : bareMember(bootstrap),
  );
  const pairsSeen = () => members.reduce((sum, m) => sum + m.seen.size, 0);
  const allPairs = count * (count - 1);
  try {
    const progress = setInterval(() => {
      if (process.env.ROOM_BENCH_TRACE)
        console.error(Date.now() - began, pairsSeen(), '/', allPairs);
    }, 2000);
    const meshed = await waitFor(() => pairsSeen() === allPairs, meshLimitMs, 'mesh').then(
      () => true,
      () => false,
    );
    clearInterval(progress);
    const meshMs = meshed ? Date.now() - began : NaN;
    const seenShare = pairsSeen() / allPairs;
    const expected = pairsSeen();
    const sentAt = Date.now();
    members.forEach((m, i) => m.say(`hello from ${i}`));
    const got = () => members.reduce((sum, m) => sum + m.got, 0);
    await waitFor(() => got() >= expected, 120_000, 'messages').catch(() => undefined);
    const deliverMs = Date.now() - sentAt;
    const stats = members.map((m) => procStats(m.r.child.pid));
    const mean = (f) => stats.reduce((sum, s) => sum + f(s), 0) / stats.length;
    return {
      meshMs,
      seenShare,
      delivered: got(),
      deliverMs,
      cpu: mean((s) => s.cpu),
      rss: mean((s) => s.rss),
    };
  } finally {
    for (const m of members) m.r.child.kill('SIGKILL');
    await testnet.destroy();
  }
}

/**
 * Two members started together, `tries` times in turns with two bare Hyperswarm processes:
 * the time until both see each other, each try on a fresh local DHT. The median and the
 * range of each (a try that misses 40 s counts as 40 s).
 */
async function meetRuns(tries = 8) {
  const times = { ours: [], bare: [] };
  for (let i = 0; i < tries; i++)
    for (const kind of ['ours', 'bare']) {
      const run = await roomRun(kind, 2, 40_000);
      times[kind].push(Number.isFinite(run.meshMs) ? run.meshMs : 40_000);
    }
  const summary = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
  };
  return { ours: summary(times.ours), bare: summary(times.bare), tries };
}

module.exports = { roomRun, meetRuns, roomMember };

if (require.main === module) {
  const count = Number(process.argv[2] ?? 50);
  (async () => {
    if (process.argv[2] === 'meet')
      return console.log(await meetRuns(Number(process.argv[3] ?? 8)));
    console.log('peer-tui', await roomRun('ours', count));
    console.log('bare hyperswarm', await roomRun('bare', count));
  })();
}
