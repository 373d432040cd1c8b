'use strict';
// The least a Hyperswarm program can do in a room: join the topic as server and client
// (looking again as peer-tui does, or simultaneous joiners miss each other), greet each
// connection with the lines typed on stdin, print what arrives. Loopback DHT only.
const DHT = require('hyperdht');
const Hyperswarm = require('hyperswarm');
const { hash, keyPair } = require('hypercore-crypto');

const [host, port] = process.argv[2].split(':');
const pair = keyPair();
const bootstrap = [{ host, port: Number(port) }];
const dht = new DHT({ bootstrap, host: '127.0.0.1', keyPair: pair });
const swarm = new Hyperswarm({ dht, keyPair: pair, maxPeers: 256 }); // bootstrap: the DHT's
const connections = new Set();
swarm.on('connection', (socket) => {
  const key = socket.remotePublicKey.toString('hex');
  connections.add(socket);
  process.stdout.write(`peer ${key}\n`);
  socket.on('error', () => {});
  socket.on('close', () => {
    connections.delete(socket);
    process.stdout.write(`gone ${key}\n`);
  });
  socket.on('data', (data) => {
    for (const line of data.toString().split('\n')) if (line) process.stdout.write(`msg ${line}\n`);
  });
});
const topic = hash(Buffer.from('peer-tui room #bench'));
const discovery = swarm.join(topic, { server: true, client: true });
for (const wait of [500, 2000, 10_000])
  setTimeout(() => discovery.refresh({ client: true, server: true }), wait).unref();
process.stdin.on('data', (text) => {
  for (const socket of connections) socket.write(text);
});
