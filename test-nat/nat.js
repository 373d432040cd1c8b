#!/usr/bin/env node
'use strict';
// Rooms through real NATs (issue 22): two or more real peer-tui in simulated networks
// (topology.js), each case checked for what a user would see. Run by test-nat/run, which
// gives it a network and mount namespace of its own; `.ci/run` calls that after npm test.
//
//   test-nat/run              every case
//   test-nat/run keep lan     some cases by name
//   test-nat/run --bench      each case's times beside plain Hyperswarm (bench/nat.js)
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Topology, SEED } = require('./topology');

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const SEED_PORT = 49737;
const BOOTSTRAP = `${SEED}:${SEED_PORT}`;

/** A process in a namespace whose stdout lines are JSON events (peer-tui, or `script`). */
function run(ns, args, jobs, script = CLI) {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  jobs.children.push(child);
  const events = [];
  /** Callbacks waiting for an event (when()), checked as each arrives: no polling delay. */
  const waiting = new Set();
  let buffer = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      events.push(JSON.parse(line));
      for (const check of waiting) check();
    }
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.on('error', () => undefined);
  child.on('error', () => undefined);
  const say = (line) => child.stdin.write(`${line}\n`);
  return { child, events, waiting, stderr: () => stderr, say };
}

/** Resolves as soon as `m` has an event `test` accepts (checked on arrival), or fails. */
function when(m, test, ms, what) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!m.events.some(test)) return;
      m.waiting.delete(check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      m.waiting.delete(check);
      reject(new Error(`${what}: not within ${ms} ms`));
    }, ms);
    m.waiting.add(check);
    check();
  });
}

async function until(condition, ms, what) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const met = (m, n = 1) =>
  m.events.filter((e) => e.type === 'member-joined' && e.room === '#nat').length >= n;
const heard = (m, text) => m.events.some((e) => e.type === 'message' && e.text === text);
const noted = (m, text) =>
  m.events.some((e) => (e.text ?? e.message ?? '').includes(text) && e.type !== 'message');

/** `/net` asked now: its answer. */
async function net(m) {
  const before = m.events.filter((e) => e.type === 'net').length;
  m.say('/net');
  await until(() => m.events.filter((e) => e.type === 'net').length > before, 5000, '/net');
  return m.events.filter((e) => e.type === 'net').pop().net;
}

/**
 * Each case: where the members are, whether the seed runs and lends its relay, what must
 * happen. `bootstrap` false gives the members a bootstrap nobody can reach: a LAN with no
 * way out behaves as a classroom whose internet is down.
 */
const CASES = {
  keep: { where: (t) => [...t.home(1, 'keep'), ...t.home(2, 'keep')], meet: 'hole-punched' },
  'one-random': {
    where: (t) => [...t.home(1, 'keep'), ...t.home(2, 'random')],
    meet: 'hole-punched',
  },
  'both-random': {
    where: (t) => [...t.home(1, 'random'), ...t.home(2, 'random')],
    meet: false,
  },
  'both-random-relay': {
    where: (t) => [...t.home(1, 'random'), ...t.home(2, 'random')],
    relay: true,
    meet: 'relayed',
  },
  // Direct once hyperdht has seen the public one reached unasked; hole-punched before.
  'one-public': {
    where: (t) => [t.public(1), ...t.home(2, 'random')],
    meet: ['direct', 'hole-punched'],
  },
  // The public member lends its relay to the room: the two behind random NATs meet
  // through it, with no --relay given.
  'member-relays': {
    where: (t) => [...t.home(1, 'random'), ...t.home(2, 'random'), t.public(1)],
    meet: 'relayed',
  },
  'one-lan-one-nat': { where: (t) => t.home(1, 'keep', 2), meet: 'lan' },
  'lan-no-dht': { where: (t) => t.island(3), seed: false, meet: 'lan' },
  'no-dht': { where: (t) => t.island(1), seed: false, meet: false },
};

async function runCase(name, spec, jobs) {
  const topology = new Topology(`ptn${process.pid % 1000}`);
  jobs.topologies.push(topology);
  const hosts = spec.where(topology);
  let relay;
  if (spec.seed !== false) {
    const seedRelay = await startSeedIn(topology, jobs);
    if (spec.relay) relay = seedRelay;
  }
  const began = Date.now();
  const members = hosts.map((host, i) => member(host, `m${i + 1}`, relay, jobs));
  const [a, b] = members;
  if (!spec.meet) return apart(name, members, b === undefined);
  const others = members.length - 1;
  await until(() => members.every((m) => met(m, others)), 60_000, `${name}: meeting`).catch(
    async (error) => {
      const view = await net(a).catch(() => 'no /net');
      throw new Error(`${error.message}; /net at m1: ${JSON.stringify(view)}; ${a.stderr()}`);
    },
  );
  const meetMs = Date.now() - began;
  a.say('/send #nat hello through the NAT');
  await until(() => heard(b, 'hello through the NAT'), 20_000, `${name}: a line across`);
  b.say('/send #nat and back');
  await until(() => heard(a, 'and back'), 20_000, `${name}: a line back`);
  // Asked of the second member: the first may be the public one, open only once hyperdht
  // has seen that others reach it unasked, and direct only from then on.
  const view = await net(b);
  const ways = view.connections.map((c) => c.way);
  const expected = [spec.meet].flat();
  if (!ways.some((way) => expected.includes(way)))
    throw new Error(
      `${name}: reached ${ways.join(', ')}, not ${spec.meet}: ${JSON.stringify(view)}`,
    );
  return { name, meetMs, view };
}

/** Members that must not meet: alive after the wait, told why. */
async function apart(name, members, alone) {
  await pause(30_000);
  if (members.some((m) => met(m))) throw new Error(`${name}: met, unexpectedly`);
  for (const m of members)
    if (m.child.exitCode !== null) throw new Error(`${name}: a member died: ${m.stderr()}`);
  const [a] = members;
  const view = await net(a);
  if (alone && !noted(a, 'no DHT node answered'))
    throw new Error(`${name}: not told of the DHT: ${JSON.stringify(a.events)}`);
  if (!alone && view.unreached.length === 0) throw new Error(`${name}: not told who is unreached`);
  return { name, view };
}

function member(host, name, relay, jobs) {
  const dir = folder(`peer-tui-nat-${name}-`, jobs);
  const args = ['--headless', '--json', '--name', name, '--port', '7000', '--data-dir', dir];
  args.push('--room', '#nat', '--dht-bootstrap', BOOTSTRAP);
  if (relay) args.push('--relay', relay);
  return run(host, args, jobs);
}

/** A temporary folder, removed with the case. */
function folder(prefix, jobs) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  jobs.folders.push(dir);
  return dir;
}

function cleanUp(jobs) {
  for (const child of jobs.children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of jobs.folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const topology of jobs.topologies.splice(0)) topology.tearDown();
}

function describe(result) {
  const { name, meetMs, view } = result;
  if (meetMs === undefined)
    return `${name}: apart as expected; NAT ${view.nat}, unreached ${JSON.stringify(view.unreached)}`;
  const ways = view.connections.map((c) => `${c.way} ${c.remote}`).join(', ');
  return `${name}: met in ${meetMs} ms, lines both ways; NAT ${view.nat}; ${ways}`;
}

async function main() {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(CASES);
  const jobs = { children: [], folders: [], topologies: [] };
  const stop = () => {
    cleanUp(jobs);
    process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let failed = 0;
  for (const name of names) {
    try {
      if (!CASES[name]) throw new Error(`${name}: no such case`);
      console.log(describe(await runCase(name, CASES[name], jobs)));
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${error.message}`);
    } finally {
      cleanUp(jobs);
    }
  }
  console.log(failed === 0 ? `all ${names.length} NAT cases passed` : `${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

/** The seed on the simulated internet: its relay key once it runs. */
async function startSeedIn(topology, jobs) {
  const seedDir = folder('peer-tui-nat-seed-', jobs);
  const args = ['seed', '--host', SEED, '--port', String(SEED_PORT), '--data-dir', seedDir];
  const seed = run(topology.inet, [...args, '--json'], jobs);
  await until(() => seed.events.some((e) => e.type === 'seed'), 20_000, 'the seed');
  return seed.events.find((e) => e.type === 'seed').relay;
}

module.exports = { CASES, run, until, when, met, member, startSeedIn, cleanUp, BOOTSTRAP };
if (require.main === module) {
  if (process.argv[2] === '--bench') require('../bench/nat').main();
  else main();
}
