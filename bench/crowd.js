'use strict';
// Benchmark 8: a class at once. `count` distinct peers each send one message, all at
// the same moment (one connection each, 256 in flight); how long until every one is
// counted, on the full screen (its status line, read through a terminal emulator) and
// headless (its join lines), with the defaults users run (history on).
const { mkdtempSync, readFileSync } = require('node:fs');
const { connect } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { spawn } = require('@lydell/node-pty');
const { Terminal } = require('@xterm/headless');
const { Unicode11Addon } = require('@xterm/addon-unicode11');
const { CLI, freePort, peerTui, percentile, procStats, sleep } = require('./lib');

const IN_FLIGHT = 256;

/** Sends one message from each of `count` header ports; resolves when all are written. */
function crowd(port, count) {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) {
      await new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.on('error', resolve);
        socket.on('close', resolve);
        socket.resume();
        socket.once('connect', () => socket.end(`127.0.0.1:${20000 + i} s${i} hello from ${i}`));
      });
    }
  };
  return Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

/** `--headless`: milliseconds until `count` peers have joined. */
async function headless(count) {
  const r = await peerTui([], 'crowd');
  let joined = 0;
  r.onLine((line) => {
    if (line.includes(' joined')) joined += 1;
  });
  const began = Date.now();
  void crowd(r.port, count);
  while (joined < count) await sleep(5);
  const ms = Date.now() - began;
  r.child.kill();
  return ms;
}

/** The status line, as the terminal shows it, counts `count` peers. */
function counted(term, count) {
  const buffer = term.buffer.active;
  const status = buffer.getLine(buffer.viewportY + term.rows - 1)?.translateToString(true) ?? '';
  return status.includes(`peers ${count}/${count}`);
}

/** The full screen: time until all are counted, typing echo while they come, renders, RSS. */
async function screen(count, cols = 120, rows = 36) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-crowd-bench-'));
  const statsFile = join(dir, 'stats.json');
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  const pty = spawn(
    process.execPath,
    [CLI, '--name', 'crowd', '--port', String(port), '--data-dir', dir],
    {
      cols,
      rows,
      name: 'xterm-256color',
      env: { ...process.env, TERM: 'xterm-256color', PEER_TUI_STATS: statsFile },
    },
  );
  let echoes = 0;
  let output = 0;
  pty.onData((data) => {
    output += data.length;
    term.write(data);
    for (const char of data) if (char === 'Z') echoes += 1;
  });
  while (output < 2000) await sleep(50);
  await sleep(500);
  const began = Date.now();
  void crowd(port, count);
  let done = false;
  const typing = [];
  const probe = (async () => {
    while (!done) {
      const before = echoes;
      const sent = process.hrtime.bigint();
      pty.write('Z');
      while (echoes === before && Date.now() - began < 120_000) await sleep(1);
      typing.push(Number(process.hrtime.bigint() - sent) / 1e6);
      await sleep(100);
    }
  })();
  let ms = NaN;
  while (Date.now() - began < 120_000) {
    await new Promise((resolve) => term.write('', resolve));
    if (counted(term, count)) {
      ms = Date.now() - began;
      break;
    }
    await sleep(20);
  }
  done = true;
  await probe;
  const rss = procStats(pty.pid).rss;
  pty.write('\u0003');
  await new Promise((resolve) => pty.onExit(resolve));
  term.dispose();
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  return {
    ms,
    typedP50: percentile(typing, 50),
    typedP99: percentile(typing, 99),
    rendersPerSecond: stats.renders / stats.seconds,
    rss,
  };
}

module.exports = { headless, screen };
