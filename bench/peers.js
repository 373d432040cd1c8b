'use strict';
// Benchmarks 3 and 4: peer-tui to peer-tui, against a raw socket.
const { createServer, connect } = require('node:net');
const { baseline, peerTui, percentile, sleep } = require('./lib');

/**
 * Two processes, `a` reading `/send` commands on stdin and `b` printing what reaches it:
 * two peer-tui, or the least two Node programs can be (bench/baseline.js relay and lines).
 */
const pairs = {
  ours: async () => ({ b: await peerTui([], 'b'), a: await peerTui([], 'a') }),
  /** The same two with the plain link of before keys (peer-tui/1): what encryption costs. */
  plainLink: async () => ({
    b: await peerTui(['--link-version', '1'], 'b'),
    a: await peerTui(['--link-version', '1'], 'a'),
  }),
  bare: async () => ({ b: await baseline('lines'), a: await baseline('relay') }),
};

/** 3. Messages typed at one headless peer reaching another, complete and in order. */
async function throughput(start = pairs.ours, total = 20_000) {
  const { a, b } = await start();
  const order = [];
  b.onLine((line) => {
    const match = / a m(\d+)$/.exec(line);
    if (match) order.push(Number(match[1]));
  });
  a.child.stdin.write(`/send 127.0.0.1:${b.port} warm\n`);
  await b.waitLine((line) => line.endsWith(' a warm'));
  await sleep(100);
  const began = process.hrtime.bigint();
  let commands = '';
  for (let i = 0; i < total; i++) commands += `/send 127.0.0.1:${b.port} m${i}\n`;
  a.child.stdin.write(commands);
  while (order.length < total) await sleep(5);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const inOrder = order.every((seq, i) => seq === i);
  a.child.kill();
  b.child.kill();
  return { rate: total / seconds, inOrder };
}

/** The same lines over one raw socket into a server that only counts them. */
async function rawThroughput(total = 20_000) {
  let seen = 0;
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      for (const char of chunk) if (char === '\n') seen += 1;
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect(server.address().port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const began = process.hrtime.bigint();
  for (let i = 0; i < total; i++) socket.write(`127.0.0.1:9 a m${i}\n`);
  while (seen < total) await sleep(1);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  socket.destroy();
  server.close();
  return total / seconds;
}

/** 4. One message at a time from one peer-tui to another. */
async function latency(start = pairs.ours, count = 200) {
  const { a, b } = await start();
  a.child.stdin.write(`/send 127.0.0.1:${b.port} warm\n`);
  await b.waitLine((line) => line.endsWith(' a warm'));
  await sleep(100);
  const samples = [];
  for (let i = 0; i < count; i++) {
    const began = process.hrtime.bigint();
    const arrived = b.waitLine((line) => line.endsWith(` a l${i}`));
    a.child.stdin.write(`/send 127.0.0.1:${b.port} l${i}\n`);
    await arrived;
    samples.push(Number(process.hrtime.bigint() - began) / 1e6);
  }
  a.child.kill();
  b.child.kill();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** A raw socket round trip: write a line, the server echoes it. */
async function rawLatency(count = 200) {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect(server.address().port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const samples = [];
  for (let i = 0; i < count; i++) {
    const began = process.hrtime.bigint();
    socket.write(`ping ${i}\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    samples.push(Number(process.hrtime.bigint() - began) / 1e6);
  }
  socket.destroy();
  server.close();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

module.exports = { pairs, throughput, rawThroughput, latency, rawLatency };
