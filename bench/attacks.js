#!/usr/bin/env node
// Attacks and faults against a real `peer-tui --headless --json`, on loopback, with the
// figures it held at. Prints a Markdown table (docs/reliability.md keeps the last one).
'use strict';
const { spawn } = require('node:child_process');
const { connect } = require('node:net');

const { CLI, freePort, procStats, sleep } = require('./lib');

const rssMiB = (pid) => procStats(pid).rss;

async function target(extra = [], ulimit) {
  const port = await freePort();
  const args = [
    CLI,
    '--headless',
    '--json',
    '--name',
    'target',
    '--port',
    String(port),
    '--no-history',
    ...extra,
  ];
  const child =
    ulimit === undefined
      ? spawn(process.execPath, args)
      : spawn('bash', ['-c', `ulimit -n ${ulimit}; exec "$0" "$@"`, process.execPath, ...args]);
  // Keep lines as they come, but not the flood's: holding and searching hundreds of MiB
  // would slow this reader, and a slow reader stalls the program's writes to its stdout.
  let out = '';
  let carry = '';
  let messages = 0;
  const waiters = [];
  child.stdout.on('data', (d) => {
    const lines = (carry + d).split('\n');
    carry = lines.pop();
    for (const line of lines) {
      if (line.includes('"type":"message"')) messages += 1;
      if (!line.includes(' flood ') && !line.includes('"name":"flood"')) out += `${line}\n`;
    }
    waiters.forEach((w) => w());
  });
  const waitFor = (text, timeoutMs = 30000) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => check(), 50);
      const check = () => {
        if (out.includes(text)) {
          clearInterval(timer);
          resolve(Date.now() - started);
        } else if (Date.now() - started > timeoutMs) {
          clearInterval(timer);
          reject(new Error(`timeout waiting for ${text}`));
        }
      };
      waiters.push(check);
      check();
    });
  await waitFor('"type":"listening"');
  return { child, port, waitFor, out: () => out, messages: () => messages };
}

async function send(port, text, from) {
  const socket = connect({ host: '127.0.0.1', port, localAddress: from });
  socket.on('error', () => {});
  socket.resume(); // read (and drop) the reply, or its end never shows
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.end(text);
  await new Promise((resolve) => socket.once('close', resolve));
}

const openIdle = (port, count) =>
  Promise.all(
    Array.from({ length: count }, () => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.on('error', () => {});
      return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
    }),
  );

const rows = [];
const row = (attack, result, figure) => rows.push(`| ${attack} | ${result} | ${figure} |`);

async function bigStream() {
  const t = await target();
  const before = rssMiB(t.child.pid);
  const socket = connect({ host: '127.0.0.1', port: t.port });
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  const chunk = Buffer.alloc(1 << 20, 0x61);
  for (let i = 0; i < 40 && !socket.destroyed; i++) {
    if (!socket.write(chunk))
      await Promise.race([new Promise((r) => socket.once('drain', r)), sleep(300)]);
  }
  await t.waitFor('E_FRAME_TOO_LARGE');
  socket.destroy();
  await send(t.port, '127.0.0.1:7999 probe alive');
  await t.waitFor('"text":"alive"');
  row(
    '40 MiB with no newline on one connection',
    'connection dropped at the 64 KiB cap; others served',
    `RSS ${before.toFixed(1)} -> ${rssMiB(t.child.pid).toFixed(1)} MiB`,
  );
  t.child.kill();
}

async function idleCrowd() {
  const t = await target(['--max-connections', '1024']);
  const idle = await openIdle(t.port, 3000);
  const started = Date.now();
  await send(t.port, '127.0.0.1:7999 probe through');
  await t.waitFor('"text":"through"');
  const ms = Date.now() - started;
  row(
    '3,000 idle sockets (limit 1,024), then a new sender',
    'longest idle evicted; the new message shown',
    `shown ${ms} ms after sending; ${t.out().split('E_EVICTED').length - 1} warning lines`,
  );
  idle.forEach((s) => s.destroy());
  t.child.kill();
}

async function slowloris() {
  const t = await target();
  const [slow] = await openIdle(t.port, 1);
  const started = Date.now();
  const trickle = setInterval(() => slow.write('x'), 100);
  await new Promise((resolve) => slow.once('close', resolve));
  clearInterval(trickle);
  row(
    'slowloris: one byte every 100 ms, never a message',
    'closed (E_SLOW)',
    `after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  t.child.kill();
}

async function manySenders() {
  const t = await target();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 50 }, async (_, s) => {
      for (let m = 0; m < 200; m++) await send(t.port, `127.0.0.1:${8000 + s} s${s} m${m}`);
    }),
  );
  await t.waitFor('"text":"m199"');
  await sleep(500);
  const shown = t.messages();
  row(
    '50 senders x 200 messages, one connection each',
    `${shown} of 10000 shown`,
    `${Math.round(10000 / ((Date.now() - started) / 1000))} msg/s`,
  );
  t.child.kill();
}

async function fairness() {
  const t = await target();
  const flooder = connect({ host: '127.0.0.1', port: t.port });
  flooder.on('error', () => {});
  await new Promise((resolve) => flooder.once('connect', resolve));
  const lines = Array.from({ length: 2000 }, (_, i) => `127.0.0.1:8100 flood f${i}\n`).join('');
  let on = true;
  let rounds = 0;
  const floodStart = Date.now();
  let floodMs = 0;
  const flood = (async () => {
    for (; on && rounds < 100; rounds++)
      if (!flooder.write(lines)) await new Promise((r) => flooder.once('drain', r));
    floodMs = Date.now() - floodStart;
  })();
  const delays = [];
  for (let i = 0; i < 10; i++) {
    const sentAt = Date.now();
    await send(t.port, `127.0.0.1:8101 quiet q${i}`);
    await t.waitFor(`"text":"q${i}"`);
    delays.push(Date.now() - sentAt);
    await sleep(50);
  }
  on = false;
  flooder.destroy();
  await flood.catch(() => {});
  delays.sort((a, b) => a - b);
  row(
    'one peer floods a persistent connection (up to 200,000 lines); another sends 10 messages',
    'the quiet peer is served, not starved',
    `quiet delay p50 ${delays[5]} ms, max ${delays[9]} ms; the flood's writes took ${floodMs} ms`,
  );
  t.child.kill();
}

async function resetMidMessage() {
  const t = await target();
  const socket = connect({ host: '127.0.0.1', port: t.port });
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('127.0.0.1:8200 cut half a mess');
  await sleep(50);
  socket.resetAndDestroy();
  await send(t.port, '127.0.0.1:7999 probe after-reset');
  await t.waitFor('"text":"after-reset"');
  row(
    'connection reset in the middle of a message',
    'that message dropped; no crash',
    'still serving',
  );
  t.child.kill();
}

async function lowFdLimit() {
  const t = await target([], 64);
  await t.waitFor('E_FD_LIMIT');
  const crowd = await openIdle(t.port, 120);
  await send(t.port, '127.0.0.1:7999 probe fd');
  await t.waitFor('"text":"fd"');
  row(
    'ulimit -n 64, then 120 connections',
    'said at start (E_FD_LIMIT); held 32, evicted the rest; no EMFILE',
    'still serving',
  );
  crowd.forEach((s) => s.destroy());
  t.child.kill();
}

async function stoppedPeer() {
  const a = await target();
  const b = await target();
  a.child.stdin.write(`/send 127.0.0.1:${b.port} hello\n`);
  await b.waitFor('"text":"hello"');
  await sleep(100);
  b.child.kill('SIGSTOP');
  a.child.stdin.write(
    ['one', 'two', 'three'].map((t) => `/send 127.0.0.1:${b.port} ${t}\n`).join(''),
  );
  await sleep(3000);
  b.child.kill('SIGCONT');
  const ms = await b.waitFor('"text":"three"');
  await sleep(300);
  const texts = b
    .out()
    .split('\n')
    .filter((l) => l.includes('"type":"message"'))
    .map((l) => JSON.parse(l).text);
  row(
    'receiver SIGSTOPped for 3 s while 3 messages are sent',
    texts.join(',') === 'hello,one,two,three'
      ? 'each shown once, in order'
      : `got ${texts.join(',')}`,
    `last one ${ms} ms after SIGCONT`,
  );
  a.child.kill();
  b.child.kill();
}

async function main() {
  for (const run of [
    bigStream,
    idleCrowd,
    slowloris,
    manySenders,
    fairness,
    resetMidMessage,
    lowFdLimit,
    stoppedPeer,
  ]) {
    process.stderr.write(`${run.name}...\n`);
    await run();
  }
  console.log('| attack or fault | result | measured |');
  console.log('|---|---|---|');
  rows.forEach((r) => console.log(r));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
