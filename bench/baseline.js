'use strict';
// The baseline receiver: the least a Node program can do with the same traffic. `lines`:
// split each connection's stream into lines, match the header, print. `oneshot`: one
// message per connection, complete at its end.
const { createServer } = require('node:net');

const [port, mode] = process.argv.slice(2);
const HEADER = /^(\S+):(\d+) (\S+) (.*)$/;
const print = (text) => {
  const match = HEADER.exec(text);
  if (match) process.stdout.write(`${match[1]}:${match[2]} ${match[3]} ${match[4]}\n`);
};

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
