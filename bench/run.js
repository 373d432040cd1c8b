#!/usr/bin/env node
// `npm run bench`: every figure beside a baseline measured in the same run, and the ratio.
// Prints one table and writes it, with the machine, to docs/performance.md. Loopback only.
'use strict';
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { CLI, percentile, receiver, freePort } = require('./lib');
const receive = require('./receive');
const peers = require('./peers');
const { screenRun } = require('./screen');
const crowd = require('./crowd');
const { parseRates } = require('./parse');
const { meetRuns, roomRun } = require('./room');
const { firstMessageRuns } = require('./first-message');
const roomLogs = require('./room-logs');
const { fileRuns } = require('./files');
/** Row 14 in a process of its own each time: RSS per member is a difference of RSS. */
function simRun(count, degree) {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, 'room-sim.js'), String(count), String(degree)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').pop());
}

const rows = [];
const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits }) : 'n/a';
function row(name, ours, base, unit, ratio, target = '') {
  rows.push(`| ${name} | ${ours} ${unit} | ${base} ${unit} | ${ratio} | ${target} |`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}
const ratio = (a, b) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a');

/** Runs taken in turns, ours then the baseline, so both meet the same moments of noise. */
const PAIRS = 5;

async function medianPair(runOurs, runBase) {
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) pairs.push({ ours: await runOurs(), base: await runBase() });
  const ratios = pairs.map((p) => p.ours / p.base).sort((a, b) => a - b);
  const median = pairs.find((p) => p.ours / p.base === ratios[Math.floor(PAIRS / 2)]);
  return { ...median, range: `${ratios[0].toFixed(2)}-${ratios[PAIRS - 1].toFixed(2)}` };
}

async function startup(runs = 5) {
  const ours = [];
  const bare = [];
  for (let i = 0; i < runs; i++) {
    let began = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', '0']);
    bare.push(Number(process.hrtime.bigint() - began) / 1e6);
    const port = await freePort();
    began = process.hrtime.bigint();
    const r = receiver(process.execPath, [
      CLI,
      '--headless',
      '--name',
      'up',
      '--port',
      String(port),
      '--no-history',
    ]);
    await r.waitLine((line) => line.startsWith('Server listening'));
    ours.push(Number(process.hrtime.bigint() - began) / 1e6);
    r.child.kill();
  }
  return { ours: percentile(ours, 50), bare: percentile(bare, 50) };
}

async function main() {
  const parse = parseRates();
  row(
    '0. parse: bytes -> typed messages',
    fmt(parse.ours),
    fmt(parse.base),
    'msg/s',
    ratio(parse.ours, parse.base),
  );

  const r1 = await medianPair(
    () => receive.persistent(receive.starters.ours()),
    () => receive.persistent(receive.starters.lines),
  );
  row(
    `1. receive, 8 persistent connections, every message printed (median of ${PAIRS} pairs; ratios ${r1.range})`,
    fmt(r1.ours),
    fmt(r1.base),
    'msg/s',
    ratio(r1.ours, r1.base),
    '>= 0.5',
  );

  const r2 = await medianPair(
    () => receive.perConnection(receive.starters.ours()),
    () => receive.perConnection(receive.starters.oneshot),
  );
  row(
    `2. receive, one connection per message, 64 at a time (median of ${PAIRS} pairs; ratios ${r2.range})`,
    fmt(r2.ours),
    fmt(r2.base),
    'msg/s',
    ratio(r2.ours, r2.base),
    '>= 0.7',
  );

  const p3 = await peers.throughput(peers.pairs.ours);
  const b3 = await peers.rawThroughput();
  const bare3 = await peers.throughput(peers.pairs.bare);
  const order = p3.inOrder ? ' and in order' : ' BUT OUT OF ORDER';
  row(
    `3. peer-tui -> peer-tui, typed at one, complete${order} (vs one raw socket)`,
    fmt(p3.rate),
    fmt(b3),
    'msg/s',
    ratio(p3.rate, b3),
  );
  row(
    '3. the same (vs two bare Node processes: stdin -> socket -> stdout)',
    fmt(p3.rate),
    fmt(bare3.rate),
    'msg/s',
    ratio(p3.rate, bare3.rate),
  );

  const r3 = await medianPair(
    async () => (await peers.throughput(peers.pairs.ours)).rate,
    async () => (await peers.throughput(peers.pairs.plainLink)).rate,
  );
  row(
    `3. the same over the encrypted link (vs the plain peer-tui/1 link, median of ${PAIRS} pairs; ratios ${r3.range})`,
    fmt(r3.ours),
    fmt(r3.base),
    'msg/s',
    ratio(r3.ours, r3.base),
    '>= 0.7',
  );

  const p4 = await peers.latency(peers.pairs.ours);
  const plain4 = await peers.latency(peers.pairs.plainLink);
  row(
    '4. latency over the encrypted link, p50 (vs the plain peer-tui/1 link)',
    fmt(p4.p50, 2),
    fmt(plain4.p50, 2),
    'ms',
    ratio(p4.p50, plain4.p50),
    '< 1 ms',
  );
  const b4 = await peers.rawLatency();
  const bare4 = await peers.latency(peers.pairs.bare);
  for (const p of ['p50', 'p99']) {
    row(
      `4. latency peer-tui -> peer-tui, ${p} (vs a raw socket echo)`,
      fmt(p4[p], 2),
      fmt(b4[p], 3),
      'ms',
      ratio(p4[p], b4[p]),
    );
    row(
      `4. the same, ${p} (vs two bare Node processes)`,
      fmt(p4[p], 2),
      fmt(bare4[p], 3),
      'ms',
      ratio(p4[p], bare4[p]),
    );
  }

  for (const count of [1000, 10000]) {
    const ours = await receive.fanIn(receive.starters.ours(), count);
    const base = await receive.fanIn(receive.starters.lines, count);
    row(
      `5. fan-in ${fmt(count)} peers x 1 msg/s: p99 delay`,
      fmt(ours.p99, 1),
      fmt(base.p99, 1),
      'ms',
      ratio(ours.p99, base.p99),
    );
    row(
      `5. fan-in ${fmt(count)}: memory per connection`,
      fmt(ours.kibPerConnection, 1),
      fmt(base.kibPerConnection, 1),
      'KiB',
      ratio(ours.kibPerConnection, base.kibPerConnection),
    );
    row(
      `5. fan-in ${fmt(count)}: CPU`,
      fmt(ours.cpu * 100),
      fmt(base.cpu * 100),
      '% of a core',
      ratio(ours.cpu, base.cpu),
    );
  }

  const idle = await screenRun(0);
  const flood = await screenRun(10_000);
  row(
    `6. screen, 10,000 msg/s for 10 s (${fmt(flood.sent)} sent): event-loop delay p99 (vs idle screen)`,
    fmt(flood.loopP99, 1),
    fmt(idle.loopP99, 1),
    'ms',
    ratio(flood.loopP99, idle.loopP99),
    '< 50 ms',
  );
  row(
    '6. screen under the flood: typed character shown, p50 (vs idle)',
    fmt(flood.typedP50, 1),
    fmt(idle.typedP50, 1),
    'ms',
    ratio(flood.typedP50, idle.typedP50),
  );
  row(
    '6. screen under the flood: typed character shown, p99 (vs idle)',
    fmt(flood.typedP99, 1),
    fmt(idle.typedP99, 1),
    'ms',
    ratio(flood.typedP99, idle.typedP99),
  );
  row(
    '6. screen under the flood: renders per second (vs idle)',
    fmt(flood.rendersPerSecond, 1),
    fmt(idle.rendersPerSecond, 1),
    '/s',
    ratio(flood.rendersPerSecond, idle.rendersPerSecond),
    '<= 30',
  );
  row(
    '6. screen memory, end of flood (vs its start)',
    fmt(flood.rssEnd, 1),
    fmt(flood.rssStart, 1),
    'MiB',
    ratio(flood.rssEnd, flood.rssStart),
  );

  for (const count of [2000, 10000]) {
    const alone = await crowd.headless(count);
    const shown = await crowd.screen(count);
    const target = count === 2000 ? '<= 4x and < 8 s' : '< 30 s';
    row(
      `8. screen with a crowd: ${fmt(count)} distinct peers send at once, all counted on screen (vs --headless)`,
      fmt(shown.ms),
      fmt(alone),
      'ms',
      ratio(shown.ms, alone),
      target,
    );
    row(
      `8. the same: a typed character shown, p50 / p99 (vs 100 ms)`,
      `${fmt(shown.typedP50, 1)} / ${fmt(shown.typedP99, 1)}`,
      '100',
      'ms',
      ratio(shown.typedP99, 100),
      'p99 < 100 ms',
    );
    row(
      `8. the same: renders per second, and RSS at the end (${fmt(count)} peers known)`,
      `${fmt(shown.rendersPerSecond, 1)} /s, ${fmt(shown.rss)}`,
      '30 /s, 300',
      'MiB',
      ratio(shown.rss, 300),
      'RSS < 300 MiB',
    );
  }

  const ROOM_SIZE = 50;
  const roomOurs = await roomRun('ours', ROOM_SIZE);
  const roomBare = await roomRun('bare', ROOM_SIZE);
  const meshed = (r) =>
    Number.isFinite(r.meshMs)
      ? fmt(r.meshMs)
      : `not in 90 s: ${fmt(r.seenShare * 100, 1)} % of pairs,`;
  row(
    `9. a room on a local DHT: ${ROOM_SIZE} peer-tui join at once, until every member sees every other (vs ${ROOM_SIZE} bare Hyperswarm processes)`,
    meshed(roomOurs),
    meshed(roomBare),
    'ms',
    ratio(roomOurs.meshMs, roomBare.meshMs),
  );
  row(
    `9. the same: one message from each, delivered of ${ROOM_SIZE * (ROOM_SIZE - 1)}, and how long it took`,
    `${fmt(roomOurs.delivered)} in ${fmt(roomOurs.deliverMs)}`,
    `${fmt(roomBare.delivered)} in ${fmt(roomBare.deliverMs)}`,
    'ms',
    ratio(roomOurs.delivered, roomBare.delivered),
  );
  row(
    '9. the same: CPU per peer (start to end), and RSS per peer',
    `${fmt(roomOurs.cpu, 2)} s, ${fmt(roomOurs.rss)}`,
    `${fmt(roomBare.cpu, 2)} s, ${fmt(roomBare.rss)}`,
    'MiB',
    ratio(roomOurs.rss, roomBare.rss),
  );

  const meet = await meetRuns(8);
  const span = (m) => `${fmt(m.median)} (${fmt(m.min)}-${fmt(m.max)})`;
  row(
    `10. two members started together: until both see each other, median of ${meet.tries} tries (range), each on a fresh local DHT (vs two bare Hyperswarm processes)`,
    span(meet.ours),
    span(meet.bare),
    'ms',
    ratio(meet.ours.median, meet.bare.median),
  );

  for (const mode of ['read-once', 'on-end', 'never']) {
    const first = await firstMessageRuns(mode);
    row(
      `11. a fresh peer-tui's first message to another implementation that closes ${mode === 'read-once' ? 'after one read' : mode === 'on-end' ? 'when the sender does' : 'never'}: until its text arrives, median of ${first.tries} (second message ${fmt(first.second, 1)} ms), vs a bare one-shot sender`,
      fmt(first.first, 1),
      fmt(first.bare, 1),
      'ms',
      ratio(first.first, first.bare),
    );
  }

  const LOG_ROOM = 50;
  const capped = await roomLogs.roomRun(LOG_ROOM, 8);
  const mesh = await roomLogs.roomRun(LOG_ROOM, LOG_ROOM - 1);
  const lines = (r) =>
    `${fmt(r.delivered)} of ${fmt(r.want)} in ${Number.isFinite(r.allMs) ? fmt(r.allMs) : 'not 120 000'}`;
  row(
    `12. a room that remembers: ${LOG_ROOM} peer-tui, one line each, with the default --room-peers 8 (vs a full mesh, --room-peers ${LOG_ROOM - 1}), until every member has every line`,
    lines(capped),
    lines(mesh),
    'ms',
    ratio(capped.allMs, mesh.allMs),
  );
  row(
    '12. the same: latency of a line to a member, p50 / p99',
    `${fmt(capped.p50)} / ${fmt(capped.p99)}`,
    `${fmt(mesh.p50)} / ${fmt(mesh.p99)}`,
    'ms',
    ratio(capped.p99, mesh.p99),
  );
  row(
    '12. the same: bytes sent on loopback per line per member while the lines spread (everything in the namespace: members, DHT, keep-alives)',
    fmt(capped.bytesPerLine),
    fmt(mesh.bytesPerLine),
    'B',
    ratio(capped.bytesPerLine, mesh.bytesPerLine),
  );
  row(
    '12. the same: CPU per member (start to end), and RSS per member',
    `${fmt(capped.cpu, 2)} s, ${fmt(capped.rss)}`,
    `${fmt(mesh.cpu, 2)} s, ${fmt(mesh.rss)}`,
    'MiB',
    ratio(capped.rss, mesh.rss),
  );
  const backlog = await roomLogs.backlogRun();
  row(
    `13. a late joiner's backlog: the last ${backlog.shown} of ${fmt(backlog.total)} messages shown, to a member meeting the log for the first time / from its own disk (vs the last ${backlog.shown} lines of a local JSON-lines file)`,
    `${fmt(backlog.freshMs)} / ${fmt(backlog.diskMs)}`,
    fmt(backlog.fileMs, 1),
    'ms',
    ratio(backlog.diskMs, backlog.fileMs),
  );

  // 14: the room in one process, at the default degree, against half its size.
  const SIM = 100;
  const sim = simRun(SIM, 8);
  const half = simRun(SIM / 2, 8);
  const simLines = (r) =>
    `${fmt(r.delivered)} of ${fmt(r.everyone)} in ${Number.isFinite(r.allMs) ? fmt(r.allMs) : 'not 600 000'}`;
  row(
    `14. a room simulated in one process: ${SIM} members (RoomLogs, each its own Corestore, in-memory Noise streams, degree 8), one line each, until every member has every line (vs ${SIM / 2} members)`,
    simLines(sim),
    simLines(half),
    'ms',
    ratio(sim.allMs, half.allMs),
  );
  row(
    '14. the same: bytes on the streams per line per member, and RSS per member',
    `${fmt(sim.bytesPerLinePerMember)} B, ${fmt(sim.rssPerMember, 1)}`,
    `${fmt(half.bytesPerLinePerMember)} B, ${fmt(half.rssPerMember, 1)}`,
    'MiB',
    ratio(sim.rssPerMember, half.rssPerMember),
  );

  // 15-16: files (issue 23), the defaults, beside the same bytes through one socket.
  const files = await fileRuns();
  const MiBps = (r, copies = 1) => (files.size * copies) / 2 ** 20 / (r.ms / 1000);
  row(
    `15. a ${files.size / 2 ** 20} MiB file between two peer-tui on loopback, /accept to saved and checked (vs the same bytes from disk to disk through one encrypted secret-stream, and through one plain TCP socket); CPU of both sides`,
    `${fmt(MiBps(files.direct))} MiB/s, CPU ${fmt(files.direct.cpu, 2)}`,
    `${fmt(MiBps(files.secret))} MiB/s, CPU ${fmt(files.secret.cpu, 2)}; TCP ${fmt(MiBps(files.tcp))} MiB/s, CPU ${fmt(files.tcp.cpu, 2)}`,
    's',
    ratio(MiBps(files.direct), MiBps(files.secret)),
    'at least 0.5',
  );
  row(
    `16. the same file to a room of ${files.roomSize} on a local DHT: the ${files.roomSize - 1} others accept at once, until all have it checked (vs one secret-stream sender to ${files.roomSize - 1} receivers at once)`,
    `${fmt(files.room.ms / 1000, 1)} s, CPU ${fmt(files.room.cpu, 1)}`,
    `${fmt(files.fanOut.ms / 1000, 1)} s, CPU ${fmt(files.fanOut.cpu, 1)}`,
    's',
    ratio(files.fanOut.ms, files.room.ms),
  );

  const up = await startup();
  row(
    '7. start-up to "Server listening" (vs bare `node -e 0`)',
    fmt(up.ours),
    fmt(up.bare),
    'ms',
    ratio(up.ours, up.bare),
  );

  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
  const table = [
    '| benchmark | peer-tui | baseline | ratio | target |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  console.log(table);
  const doc = `# Performance\n\nWritten by \`npm run bench\` (\`bench/run.js\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.\nEach figure stands beside a baseline measured in the same run; these machines are noisy, so read the ratios.\n\n${table}\n\nBaselines: 1 and 5, \`bench/baseline.js lines\` (split lines, match the header, print, output batched once per turn); 2, \`bench/baseline.js oneshot\`; 3, the same lines over one raw socket into a counter, two bare Node processes doing the same trip (\`bench/baseline.js relay\` reading the \`/send\` lines, \`lines\` printing), and two peer-tui with the plain link of before keys (\`--link-version 1\`), what encryption costs; 4, a raw socket echo round trip, and the same two bare processes; 6, the same screen idle; 7, \`node -e 0\`; 9, bare Hyperswarm processes doing the least in a room (\`bench/baseline-room.js\`: join as server and client, look again as peer-tui does, greet each connection, count), on a local DHT of three nodes, every node bound to 127.0.0.1; 10, two such bare processes started together, 8 tries in turns with two peer-tui, each pair on a fresh local DHT (a try past 40 s counts as 40 s); 11, a bare one-shot sender (connect, write, end) to the same receiver as a fresh peer-tui's first and second message (\`bench/first-message.js\`); 12, the same 50 peer-tui with a full mesh of room connections (\`--room-peers 49\`), each line in its author's log either way (\`bench/room-logs.js\`; a line's latency is from its \`/send\` to its arrival at a member); 13, the last 200 lines of a local JSON-lines file of the same 10,000 messages read and parsed; 14, the same simulation at half the members (\`bench/room-sim.js\`: how the room's cost grows; 1,000 members do not fit one process, see docs/scale.md); 8, \`peer-tui --headless\` on the same crowd (its join lines counted), the screen read through a terminal emulator (@xterm/headless) until its status line counts every peer, typing probed every 100 ms, the RSS and typing rows against their targets; 15 and 16, \`bench/file-pipe.js\` (a file read from disk, written through one socket in 1 MiB writes, written to disk by the receiving process; secret-stream is the Noise stream peer-tui's files connection uses), \`bench/files.js\` (two peer-tui with their defaults, a line first so they know each other as peer-tui; the room on a local DHT of three nodes). peer-tui runs with its defaults (history on, in a fresh folder). Memory per connection is a difference of RSS before and after connecting: below a few thousand connections it is mostly the garbage collector's noise. The idle screen's renders are the typing probe's (one character every 250 ms). Rows 1 and 2 are the median of ${PAIRS} runs taken in turns with their baseline (the range of their ratios is shown). Output and history leave once per event-loop turn, or once per millisecond when flushes come less than 0.3 ms apart: a flood trades up to 1 ms of display latency for throughput (rows 1-2), a conversation (row 4) does not.\n`;
  const findings = readFileSync(join(__dirname, 'findings.md'), 'utf8');
  writeFileSync(join(__dirname, '..', 'docs', 'performance.md'), `${doc}\n${findings}`);
  // The NAT cases need namespaces of their own (root): test-nat/run says when it cannot.
  execFileSync(join(__dirname, '..', 'test-nat', 'run'), ['--bench'], { stdio: 'inherit' });
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
