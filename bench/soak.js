#!/usr/bin/env node
// Soak: 50 peers on 127.0.0.10-59 each send one numbered message a second to a real
// `peer-tui --headless --json` for a minute (or `--seconds N`). Checks that no message is
// lost, duplicated or reordered, and that the receiver's memory and descriptors stay flat.
// Loopback only. Exit code 1 on any loss.
'use strict';
const { spawn } = require('node:child_process');
const { readFileSync, readdirSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { assembleNode } = require('../dist/main/assemble');
const { makeAddress } = require('../dist/wire/address');
const { freePort } = require('./lib');

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 60;
const PEERS = 50;

const sample = (pid) => ({
  rssMiB: Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024,
  fds: readdirSync(`/proc/${pid}/fd`).length,
});

async function main() {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'peer-tui-soak-'));
  const sut = spawn(
    process.execPath,
    [
      join(__dirname, '..', 'dist', 'cli.js'),
      '--headless',
      '--json',
      '--name',
      'soak',
      '--port',
      String(port),
      '--data-dir',
      data,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const received = new Map();
  let buffer = '';
  sut.stdout.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      if (!line.includes('"type":"message"')) continue;
      const { from, text } = JSON.parse(line);
      const seq = Number(/^seq (\d+)$/.exec(text)?.[1]);
      if (!received.has(from)) received.set(from, []);
      received.get(from).push(seq);
    }
  });
  await new Promise((resolve) => sut.stdout.once('data', resolve));
  const peers = await Promise.all(
    Array.from({ length: PEERS }, async (_, i) => {
      const node = assembleNode({ name: `soak${i}`, port: 0, host: `127.0.0.${10 + i}` });
      await node.start();
      return node;
    }),
  );
  const target = makeAddress('127.0.0.1', port);
  const samples = [sample(sut.pid)];
  const sampler = setInterval(() => samples.push(sample(sut.pid)), 5000);
  for (let second = 0; second < seconds; second++) {
    const tick = Date.now();
    peers.forEach((peer) => void peer.send(target, `seq ${second}`));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - tick))));
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
  clearInterval(sampler);
  samples.push(sample(sut.pid));
  await Promise.all(peers.map((peer) => peer.close()));
  sut.kill('SIGTERM');

  let lost = 0;
  let disordered = 0;
  for (const peer of peers) {
    const seqs =
      received.get(makeAddress(`127.0.0.${10 + peers.indexOf(peer)}`, peer.port).key) ?? [];
    lost += seconds - new Set(seqs).size;
    disordered += seqs.some((seq, i) => seq !== i) ? 1 : 0;
  }
  const first = samples[1] ?? samples[0];
  const last = samples[samples.length - 1];
  console.log(`| soak | ${PEERS} peers x 1 msg/s x ${seconds} s |`);
  console.log('|---|---|');
  console.log(
    `| messages expected / received | ${PEERS * seconds} / ${[...received.values()].reduce((n, s) => n + s.length, 0)} |`,
  );
  console.log(`| lost | ${lost} |`);
  console.log(`| peers with duplicates or disorder | ${disordered} |`);
  console.log(
    `| receiver RSS, MiB (start of traffic -> end) | ${first.rssMiB.toFixed(1)} -> ${last.rssMiB.toFixed(1)} |`,
  );
  console.log(`| receiver open descriptors (start -> end) | ${first.fds} -> ${last.fds} |`);
  process.exit(lost === 0 && disordered === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
