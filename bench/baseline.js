'use strict';
// The baseline receiver: the least a Node program can do with the same traffic. `lines`:
// split each connection's stream into lines, match the header, print. `oneshot`: one
// message per connection, complete at its end. `relay`: the least sender, reading
// `/send IP:PORT TEXT` lines on stdin and writing `127.0.0.1:PORT a TEXT` lines on one
// socket per target (port is its header's, nothing listens on it).
const { connect, createServer } = require('node:net');

const [port, mode] = process.argv.slice(2);
if (mode === 'relay') relay();
else receive();

function relay() {
  const sockets = new Map();
  const SEND = /^\/send (\S+):(\d+) (.*)$/;
  let carry = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop();
    for (const line of lines) {
      const match = SEND.exec(line);
      if (!match) continue;
      const key = `${match[1]}:${match[2]}`;
      let socket = sockets.get(key);
      if (!socket) {
        socket = connect(Number(match[2]), match[1]);
        socket.on('error', () => {});
        sockets.set(key, socket);
      }
      socket.write(`127.0.0.1:${port} a ${match[3]}\n`);
    }
  });
  process.stdout.write('listening\n');
}

const HEADER = /^(\S+):(\d+) (\S+) (.*)$/;
// Printed lines are collected and written once per event-loop turn: the least a receiver
// can do batches its output too (a write per line measured what batching saves, not us).
let pending = [];
const flush = () => {
  process.stdout.write(pending.join(''));
  pending = [];
};
const print = (text) => {
  const match = HEADER.exec(text);
  if (!match) return;
  if (pending.length === 0) setImmediate(flush);
  pending.push(`${match[1]}:${match[2]} ${match[3]} ${match[4]}\n`);
};

function receive() {
  createServer((socket) => {
    socket.on('error', () => {});
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      buffer += chunk;
      if (mode !== 'lines') return;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      lines.forEach(print);
    });
    socket.on('end', () => {
      if (buffer !== '') print(buffer);
      socket.end();
    });
  }).listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
}
