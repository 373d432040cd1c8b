#!/usr/bin/env node
// Files (issue 23): a 256 MiB file between two peer-tui on loopback, with their defaults,
// beside the same bytes from disk through one plain TCP socket and through one encrypted
// secret-stream to disk (bench/file-pipe.js), in the same run; then the file to a room of
// 5 on a local DHT, beside one secret-stream sender to 4 receivers at once.
// `node bench/files.js` alone prints the rows; bench/run.js adds them to its table.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, openSync, writeSync, closeSync } = require('node:fs');
const { randomBytes } = require('node:crypto');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const createTestnet = require('hyperdht/testnet');
const { CLI, freePort, procStats, receiver } = require('./lib');

const MiB = 1024 * 1024;

function bigFile(dir, size) {
  const path = join(dir, 'payload.bin');
  const fd = openSync(path, 'w');
  const chunk = randomBytes(4 * MiB);
  for (let at = 0; at < size; at += chunk.length)
    writeSync(fd, chunk, 0, Math.min(chunk.length, size - at));
  closeSync(fd);
  return path;
}

/** One child's output lines, and its exit. */
function child(args) {
  const proc = spawn(process.execPath, [join(__dirname, 'file-pipe.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  let carry = '';
  proc.stdout.on('data', (d) => {
    const parts = (carry + d).split('\n');
    carry = parts.pop();
    lines.push(...parts);
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const first = () =>
    new Promise((resolve) => {
      const check = () => (lines.length > 0 ? resolve(lines[0]) : setTimeout(check, 5));
      check();
    });
  const cpu = () => Number((lines.find((l) => l.startsWith('cpu ')) ?? 'cpu NaN').slice(4));
  return { proc, exited, first, cpu };
}

/** The file through `kind` sockets from one sender to `receivers` receivers, to disk. */
async function pipeRun(kind, file, dir, receivers = 1) {
  const rx = [];
  for (let i = 0; i < receivers; i++) rx.push(child(['recv', kind, join(dir, `${kind}-${i}.out`)]));
  const ports = await Promise.all(rx.map((r) => r.first()));
  const began = process.hrtime.bigint();
  const tx = child(['send', kind, ...ports, file]);
  await Promise.all(rx.map((r) => r.exited));
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  await tx.exited;
  const cpu = tx.cpu() + rx.reduce((sum, r) => sum + r.cpu(), 0);
  for (let i = 0; i < receivers; i++) rmSync(join(dir, `${kind}-${i}.out`), { force: true });
  return { ms, cpu };
}

/** A headless peer-tui in JSON, its downloads in its own folder. */
async function peer(name, dir, extra = []) {
  const port = await freePort();
  const home = join(dir, name);
  const r = receiver(process.execPath, [
    CLI,
    ...['--headless', '--json', '--name', name, '--port', String(port), '--host', '127.0.0.1'],
    ...[
      '--data-dir',
      join(home, 'data'),
      '--downloads',
      join(home, 'downloads'),
      '--lan-port',
      '0',
    ],
    ...extra,
  ]);
  await r.waitLine((line) => line.includes('"type":"listening"'));
  return { ...r, port, name };
}
const write = (p, line) => p.child.stdin.write(`${line}\n`);
const cpuOf = (ps) => ps.reduce((sum, p) => sum + procStats(p.child.pid).cpu, 0);
const stop = (ps) => ps.forEach((p) => p.child.kill('SIGKILL'));
const json = (line) => JSON.parse(line);

/** `from` offers the file (`/file TARGET`), each of `to` accepts: until all have it. */
async function offerRun(from, to, target, file, ps) {
  const offers = to.map((p) =>
    p.waitLine((l) => l.includes('"type":"file-offer"') && l.includes('"direction":"in"'), 600_000),
  );
  write(from, `/file ${target} ${file}`);
  const ids = (await Promise.all(offers)).map((l) => json(l).id);
  const cpu = cpuOf(ps);
  const began = process.hrtime.bigint();
  const done = to.map((p) => p.waitLine((l) => /"type":"file-(done|failed)"/.test(l), 600_000));
  to.forEach((p, i) => write(p, `/accept ${ids[i]}`));
  const results = (await Promise.all(done)).map(json);
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (results.some((r) => r.type !== 'file-done')) throw new Error(JSON.stringify(results));
  return { ms, cpu: cpuOf(ps) - cpu };
}

async function directRun(file, dir) {
  const a = await peer('a', dir);
  const b = await peer('b', dir);
  try {
    // A line first: b answers as a peer-tui, so a knows it may offer it a file.
    write(a, `/send 127.0.0.1:${b.port} hello`);
    await a.waitLine((l) => l.includes('"state":"sent"'));
    return await offerRun(a, [b], `127.0.0.1:${b.port}`, file, [a, b]);
  } finally {
    stop([a, b]);
  }
}

async function roomRun(file, dir, size) {
  const testnet = await createTestnet(3, { host: '127.0.0.1' });
  const dht = testnet.bootstrap.flatMap((n) => ['--dht-bootstrap', `${n.host}:${n.port}`]);
  const members = [];
  try {
    for (let i = 0; i < size; i++)
      members.push(
        await peer(`m${i}`, dir, ['--room', '#bench', '--dht-host', '127.0.0.1', ...dht]),
      );
    // Everyone met someone: the offer spreads through the logs from there.
    await Promise.all(
      members.map((m) => m.waitLine((l) => l.includes('"member-joined"'), 120_000)),
    );
    const [sender, ...rest] = members;
    return await offerRun(sender, rest, '#bench', file, members);
  } finally {
    stop(members);
    await testnet.destroy();
  }
}

async function fileRuns(size = 256 * MiB, roomSize = 5) {
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-bench-files-'));
  try {
    const file = bigFile(dir, size);
    const tcp = await pipeRun('tcp', file, dir);
    const secret = await pipeRun('secret', file, dir);
    const direct = await directRun(file, dir);
    const fanOut = await pipeRun('secret', file, dir, roomSize - 1);
    const room = await roomRun(file, dir, roomSize);
    return { size, roomSize, tcp, secret, direct, fanOut, room };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { fileRuns };

if (require.main === module) {
  fileRuns(Number(process.argv[2] ?? 256) * MiB).then(
    (r) => {
      const rate = (x, n = 1) => ((r.size * n) / MiB / (x.ms / 1000)).toFixed(0);
      console.log(`tcp ${rate(r.tcp)} MiB/s cpu ${r.tcp.cpu.toFixed(2)} s`);
      console.log(`secret-stream ${rate(r.secret)} MiB/s cpu ${r.secret.cpu.toFixed(2)} s`);
      console.log(`peer-tui ${rate(r.direct)} MiB/s cpu ${r.direct.cpu.toFixed(2)} s`);
      console.log(`ratio to secret-stream ${(r.secret.ms / r.direct.ms).toFixed(2)}`);
      console.log(
        `fan-out to ${r.roomSize - 1}: ${(r.fanOut.ms / 1000).toFixed(1)} s; room of ${r.roomSize}: ${(r.room.ms / 1000).toFixed(1)} s`,
      );
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
