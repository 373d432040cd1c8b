'use strict';
// Benchmarks 1, 2 and 5: receiving, into peer-tui and into the baseline receiver.
const { baseline, oneShot, open, peerTui, percentile, procStats, sleep } = require('./lib');

/** 1. Eight persistent connections write newline-terminated lines as fast as they can. */
async function persistent(start, total = 200_000, connections = 8) {
  const r = await start();
  let seen = 0;
  r.onLine((line) => {
    if (line.includes(' bench m')) seen += 1;
  });
  const sockets = await open(r.port, connections);
  const began = process.hrtime.bigint();
  await Promise.all(
    sockets.map(async (socket, c) => {
      const per = total / connections;
      for (let i = 0; i < per; i += 1000) {
        let batch = '';
        for (let j = i; j < i + 1000; j++) batch += `127.0.0.1:${7000 + c} bench m${j}\n`;
        if (!socket.write(batch)) await new Promise((resolve) => socket.once('drain', resolve));
      }
    }),
  );
  while (seen < total) await sleep(5);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  sockets.forEach((s) => s.destroy());
  r.child.kill();
  return total / seconds;
}

/** 2. One connection per message, 64 at a time. */
async function perConnection(start, total = 10_000, parallel = 64) {
  const r = await start();
  let seen = 0;
  r.onLine((line) => {
    if (line.includes(' bench m')) seen += 1;
  });
  const began = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async (_, lane) => {
      for (let i = next++; i < total; i = next++)
        await oneShot(r.port, `127.0.0.1:${7000 + lane} bench m${i}`);
    }),
  );
  while (seen < total) await sleep(5);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  r.child.kill();
  return total / seconds;
}

/** 5. `count` persistent peers each send one timestamped line a second. */
async function fanIn(start, count, seconds = 10) {
  const r = await start();
  const delays = [];
  r.onLine((line) => {
    const match = / bench t(\d+)$/.exec(line);
    if (match) delays.push(Date.now() - Number(match[1]));
  });
  const before = procStats(r.child.pid);
  const sockets = [];
  for (let i = 0; i < count; i += 500)
    sockets.push(...(await open(r.port, Math.min(500, count - i))));
  const connected = procStats(r.child.pid);
  const timers = sockets.map((socket, i) =>
    setTimeout(
      () => {
        const send = () => socket.write(`127.0.0.1:${10000 + (i % 50000)} bench t${Date.now()}\n`);
        send();
        socket.timer = setInterval(send, 1000);
      },
      (i / count) * 1000,
    ),
  );
  const trafficStart = procStats(r.child.pid);
  await sleep(seconds * 1000 + 1000);
  const end = procStats(r.child.pid);
  timers.forEach(clearTimeout);
  sockets.forEach((s) => {
    clearInterval(s.timer);
    s.destroy();
  });
  r.child.kill();
  return {
    p99: percentile(delays, 99),
    received: delays.length,
    kibPerConnection: ((connected.rss - before.rss) * 1024) / count,
    cpu: (end.cpu - trafficStart.cpu) / (seconds + 1),
  };
}

const starters = {
  ours:
    (extra = []) =>
    () =>
      peerTui(['--max-connections', '20000', ...extra]),
  lines: () => baseline('lines'),
  oneshot: () => baseline('oneshot'),
};

module.exports = { persistent, perConnection, fanIn, starters };
