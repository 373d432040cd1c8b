'use strict';
// Helpers for the benchmarks: loopback only, child processes, line counting, statistics.
const { spawn } = require('node:child_process');
const { readFileSync, mkdtempSync } = require('node:fs');
const { connect, createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** RSS in MiB and CPU seconds (user + system) of a process, from /proc. */
function procStats(pid) {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / 100;
  return { rss, cpu };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * A receiver process whose stdout is scanned line by line without keeping it: `onLine`
 * sees each line; `count(marker)` counts lines containing `marker`.
 */
function receiver(command, args, env = process.env) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env });
  let carry = '';
  const listeners = [];
  child.stdout.on('data', (chunk) => {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop();
    for (const line of lines) for (const listener of listeners) listener(line);
  });
  const waitLine = (test, timeoutMs = 120_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${test}`)), timeoutMs);
      const listener = (line) => {
        if (!test(line)) return;
        clearTimeout(timer);
        listeners.splice(listeners.indexOf(listener), 1);
        resolve(line);
      };
      listeners.push(listener);
    });
  return { child, onLine: (fn) => listeners.push(fn), waitLine };
}

/** peer-tui headless on a free port, history in a fresh folder. */
async function peerTui(extra = [], name = 'rx') {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-bench-'));
  const r = receiver(process.execPath, [
    CLI,
    '--headless',
    '--name',
    name,
    '--port',
    String(port),
    '--data-dir',
    dir,
    ...extra,
  ]);
  await r.waitLine((line) => line.startsWith('Server listening'));
  return { ...r, port };
}

/** The least Node can do: split lines, match the header, print. */
async function baseline(mode = 'lines') {
  const port = await freePort();
  const r = receiver(process.execPath, [join(__dirname, 'baseline.js'), String(port), mode]);
  await r.waitLine((line) => line === 'listening');
  return { ...r, port };
}

function open(port, count, from) {
  return Promise.all(
    Array.from({ length: count }, () => {
      const socket = connect({ host: '127.0.0.1', port, localAddress: from });
      socket.on('error', () => {});
      socket.resume();
      return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
    }),
  );
}

/** One connection per message, as most implementations send. */
async function oneShot(port, text) {
  const [socket] = await open(port, 1);
  socket.end(text);
  await new Promise((resolve) => socket.once('close', resolve));
}

module.exports = {
  CLI,
  sleep,
  freePort,
  procStats,
  percentile,
  receiver,
  peerTui,
  baseline,
  open,
  oneShot,
};
