'use strict';
// Benchmark 6: the full screen in a pseudo-terminal, idle and under a flood of messages.
const { mkdtempSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { spawn } = require('@lydell/node-pty');
const { CLI, freePort, open, percentile, procStats, sleep } = require('./lib');

/** Runs the screen for `seconds`, sending `rate` messages a second (0 = idle). */
async function screenRun(rate, seconds = 10) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-screen-bench-'));
  const statsFile = join(dir, 'stats.json');
  const pty = spawn(
    process.execPath,
    [CLI, '--name', 'screen', '--port', String(port), '--data-dir', dir],
    {
      cols: 120,
      rows: 40,
      name: 'xterm-256color',
      env: { ...process.env, TERM: 'xterm-256color', PEER_TUI_STATS: statsFile },
    },
  );
  let echoes = 0;
  let output = 0;
  pty.onData((data) => {
    output += data.length;
    for (const char of data) if (char === 'Z') echoes += 1;
  });
  while (output < 2000) await sleep(50);
  await sleep(500);
  const start = procStats(pty.pid);
  const sockets = rate > 0 ? await open(port, 10) : [];
  let seq = 0;
  const perTick = Math.round(rate / 10 / Math.max(1, sockets.length));
  const flood = setInterval(() => {
    for (const socket of sockets) {
      let batch = '';
      for (let i = 0; i < perTick; i++)
        batch += `127.0.0.1:${7000 + sockets.indexOf(socket)} flood m${seq++}\n`;
      socket.write(batch);
    }
  }, 100);
  const typing = [];
  const ended = Date.now() + seconds * 1000;
  while (Date.now() < ended) {
    const before = echoes;
    const began = process.hrtime.bigint();
    pty.write('Z');
    while (echoes === before && Date.now() < ended + 2000) await sleep(1);
    typing.push(Number(process.hrtime.bigint() - began) / 1e6);
    await sleep(250);
  }
  clearInterval(flood);
  const end = procStats(pty.pid);
  sockets.forEach((s) => s.destroy());
  pty.write('\u0003');
  await new Promise((resolve) => pty.onExit(resolve));
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  return {
    sent: seq,
    loopP99: stats.eventLoopDelayP99Ms,
    rendersPerSecond: stats.renders / stats.seconds,
    typedP50: percentile(typing, 50),
    typedP99: percentile(typing, 99),
    rssStart: start.rss,
    rssEnd: end.rss,
  };
}

module.exports = { screenRun };
