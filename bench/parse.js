// Benchmark 0: the pure parsing path, against a split-and-match baseline.
'use strict';
const { performance } = require('node:perf_hooks');
const { LineDecoder } = require('../dist/wire/decoder');
const { InboundSession } = require('../dist/wire/session');

const MESSAGES = 200_000;

function stream(count) {
  const lines = [];
  for (let i = 0; i < count; i++)
    lines.push(`127.0.0.1:${6000 + (i % 50)} team${i % 50} message number ${i}\n`);
  // Cut into 16 KiB chunks as a socket would deliver them.
  const bytes = Buffer.from(lines.join(''));
  const chunks = [];
  for (let at = 0; at < bytes.length; at += 16384) chunks.push(bytes.subarray(at, at + 16384));
  return chunks;
}

/** The least that can be done: split lines and match the header. */
function baseline(chunks) {
  const header = /^(\S+):(\d+) (\S+) (.*)$/;
  let tail = '';
  let count = 0;
  for (const chunk of chunks) {
    const lines = (tail + chunk.toString('utf8')).split('\n');
    tail = lines.pop() ?? '';
    for (const line of lines) if (header.test(line)) count++;
  }
  return count;
}

function peerTui(chunks) {
  const decoder = new LineDecoder();
  const session = new InboundSession({ sourceIp: '127.0.0.1' }, () => '127.0.0.1:1 bench');
  let count = 0;
  for (const chunk of chunks) {
    const lines = decoder.push(chunk);
    if (!lines.ok) throw new Error(lines.error.message);
    for (const line of lines.value)
      count += session.line(line).messages.filter((m) => m.kind === 'chat').length;
  }
  return count;
}

function rate(fn, chunks) {
  fn(chunks); // warm up
  const start = performance.now();
  const count = fn(chunks);
  const seconds = (performance.now() - start) / 1000;
  if (count !== MESSAGES) throw new Error(`${fn.name} counted ${count} of ${MESSAGES}`);
  return MESSAGES / seconds;
}

/** Messages per second through peer-tui's decoder and parser, and through the baseline. */
function parseRates() {
  const chunks = stream(MESSAGES);
  return { base: rate(baseline, chunks), ours: rate(peerTui, chunks) };
}

module.exports = { parseRates };
