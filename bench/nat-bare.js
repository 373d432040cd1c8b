'use strict';
// Plain Hyperswarm in a NAT case (bench/nat.js's baseline): join the topic as server and
// client, looking again as peer-tui does; print one JSON line when a peer connects, and
// answer each `ping N` with `pong N`. `node nat-bare.js HOST:PORT [RELAY_KEY]`; a relay,
// when given, is used as peer-tui uses `--relay` (forced, or our NAT randomises ports).
const DHT = require('hyperdht');
const Hyperswarm = require('hyperswarm');
const { hash, keyPair } = require('hypercore-crypto');

const [bootstrapAt, relay] = process.argv.slice(2);
const [host, port] = bootstrapAt.split(':');
const pair = keyPair();
const dht = new DHT({ bootstrap: [{ host, port: Number(port) }], keyPair: pair });
const relayKey = relay ? Buffer.from(relay, 'hex') : null;
const relayThrough =
  relayKey && ((force, swarm) => (force || swarm.dht.randomized ? relayKey : null));
const relaying = relayThrough ? { relayThrough } : {};
// Its DHT is the one above, bootstrapped from the seed inside the NAT case's namespaces only.
const swarm = new Hyperswarm({ dht, keyPair: pair, ...relaying }); // bootstrap: dht's (the seed)
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
swarm.on('connection', (socket) => {
  say({ type: 'peer', key: socket.remotePublicKey.toString('hex') });
  socket.on('error', () => undefined);
  socket.on('data', (data) => {
    for (const line of data.toString().split('\n')) {
      if (line.startsWith('ping ')) socket.write(`pong ${line.slice(5)}\n`);
      if (line.startsWith('pong ')) say({ type: 'pong', n: Number(line.slice(5)) });
    }
  });
  process.stdin.on('data', (text) => socket.write(text));
});
swarm.on('error', () => undefined);
const discovery = swarm.join(hash(Buffer.from('peer-tui room #nat')), {
  server: true,
  client: true,
});
for (const wait of [3000, 5000, 13_000])
  setTimeout(
    () => discovery.refresh({ client: true, server: true }).catch(() => undefined),
    wait,
  ).unref();
process.stdin.resume();
