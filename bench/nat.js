'use strict';
// The NAT cases timed (issue 22): for each, time from start until the members have met,
// and a room line's round trip, beside plain Hyperswarm processes (bench/nat-bare.js) in
// the same topology. Run by `test-nat/run --bench` (root, its own namespaces), which
// `npm run bench` calls; writes docs/nat.md.
const { writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { Topology } = require('../test-nat/topology');
const nat = require('../test-nat/nat');

const BARE = join(__dirname, 'nat-bare.js');
const ROUNDS = 5;
/** The cases where members meet; the two where they cannot have nothing to time. */
const TIMED = Object.entries(nat.CASES).filter(([, spec]) => spec.meet);

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

async function setUp(spec, jobs) {
  const topology = new Topology(`ptb${process.pid % 1000}`);
  jobs.topologies.push(topology);
  const hosts = spec.where(topology);
  const relay = spec.seed === false ? undefined : await nat.startSeedIn(topology, jobs);
  return { hosts, relay: spec.relay ? relay : undefined };
}

async function ours(spec, jobs) {
  const { hosts, relay } = await setUp(spec, jobs);
  const began = Date.now();
  const members = hosts.map((host, i) => nat.member(host, `m${i + 1}`, relay, jobs));
  const others = members.length - 1;
  await nat.until(() => members.every((m) => nat.met(m, others)), 60_000, 'meeting');
  const meetMs = Date.now() - began;
  const [a, b] = members;
  const rounds = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = Date.now();
    a.say(`/send #nat ping ${i}`);
    await nat.when(b, (e) => e.type === 'message' && e.text === `ping ${i}`, 20_000, 'a ping');
    b.say(`/send #nat pong ${i}`);
    await nat.when(a, (e) => e.type === 'message' && e.text === `pong ${i}`, 20_000, 'a pong');
    rounds.push(Date.now() - start);
  }
  return { meetMs, rttMs: median(rounds) };
}

async function bare(spec, jobs) {
  const { hosts, relay } = await setUp(spec, jobs);
  const began = Date.now();
  const members = hosts.map((host) =>
    nat.run(host, [nat.BOOTSTRAP, ...(relay ? [relay] : [])], jobs, BARE),
  );
  const others = members.length - 1;
  const peers = (m) => new Set(m.events.filter((e) => e.type === 'peer').map((e) => e.key)).size;
  const meetsAll = () => members.every((m) => peers(m) >= others);
  const never = await nat.until(meetsAll, 30_000, 'meeting').then(
    () => false,
    () => true,
  );
  if (never) return { meetMs: null, rttMs: null };
  const meetMs = Date.now() - began;
  const [a] = members;
  const rounds = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = Date.now();
    a.say(`ping ${i}`);
    await nat.when(a, (e) => e.type === 'pong' && e.n === i, 20_000, 'a pong');
    rounds.push(Date.now() - start);
  }
  return { meetMs, rttMs: median(rounds) };
}

const shown = (ms) => (ms === null ? 'never (30 s)' : `${ms.toLocaleString('en')} ms`);
const ratio = (a, b) => (a !== null && b !== null && b > 0 ? (a / b).toFixed(2) : 'n/a');

async function main() {
  const jobs = { children: [], folders: [], topologies: [] };
  const rows = [];
  for (const [name, spec] of TIMED) {
    for (const [who, measure] of [
      ['ours', ours],
      ['bare', bare],
    ]) {
      try {
        const result = await measure(spec, jobs);
        rows.push({ name, who, ...result });
      } catch (error) {
        rows.push({ name, who, meetMs: null, rttMs: null, error: error.message });
      } finally {
        nat.cleanUp(jobs);
      }
      process.stderr.write(`${name} ${who}: ${JSON.stringify(rows[rows.length - 1])}\n`);
    }
  }
  const lines = TIMED.map(([name]) => {
    const o = rows.find((r) => r.name === name && r.who === 'ours');
    const b = rows.find((r) => r.name === name && r.who === 'bare');
    return `| ${name} | ${shown(o.meetMs)} | ${shown(b.meetMs)} | ${ratio(o.meetMs, b.meetMs)} | ${shown(o.rttMs)} | ${shown(b.rttMs)} |`;
  });
  const table = [
    '| case | peer-tui: met in | plain Hyperswarm: met in | ratio | peer-tui: a room line and its answer | plain Hyperswarm: ping and pong |',
    '|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
  console.log(table);
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`;
  const doc = `# Through NATs, timed\n\nWritten by \`test-nat/run --bench\` (\`bench/nat.js\`, part of \`npm run bench\`) on ${new Date().toISOString().slice(0, 10)}: ${machine}.\nEach case of \`test-nat/nat.js\` (README, "Through NATs") in fresh network namespaces, once with peer-tui (\`--headless --json\`, its defaults) and once with plain Hyperswarm processes (\`bench/nat-bare.js\`: join the topic as server and client, look again at 3, 5 and 13 s, answer \`ping\` with \`pong\`). "Met in": from starting the members until each has met every other. Round trip: the median of ${ROUNDS}; peer-tui's is a room line (appended to its author's log, replicated, shown) and the other member's answer, typed by the bench as soon as the line is shown; plain Hyperswarm's a line on the raw connection and its echo. Plain Hyperswarm has neither LAN beacons nor relays lent by members, so in those two cases it never meets. Where both meet at once, most of peer-tui's extra time is its own start-up (loading the screen, store and room code: row 7 of docs/performance.md).\n\n${table}\n`;
  writeFileSync(join(__dirname, '..', 'docs', 'nat.md'), doc);
  process.exit(0);
}

module.exports = { main };
