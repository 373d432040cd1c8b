#!/usr/bin/env node
// The baselines of the file rows (bench/files.js): a file's bytes from disk, through one
// socket, to disk, in two processes, as a file transfer is. Loopback only.
//   node bench/file-pipe.js recv tcp|secret OUT          prints its port, exits when all is written
//   node bench/file-pipe.js send tcp|secret PORT... FILE  sends FILE to each port at once
'use strict';
const { createReadStream, createWriteStream } = require('node:fs');
const { connect, createServer } = require('node:net');
const SecretStream = require('@hyperswarm/secret-stream');

const [mode, kind, ...rest] = process.argv.slice(2);
/** Its CPU seconds, the last line it prints. */
function exit() {
  const { user, system } = process.cpuUsage();
  console.log(`cpu ${(user + system) / 1e6}`);
  process.exit(0);
}
const secret = kind === 'secret';

if (mode === 'recv') {
  const out = createWriteStream(rest[0]);
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    const stream = secret ? new SecretStream(false, socket) : socket;
    stream.on('error', () => undefined);
    stream.on('data', (chunk) => {
      if (!out.write(chunk)) {
        stream.pause();
        out.once('drain', () => stream.resume());
      }
    });
    // The sender's end, or its close (a secret-stream may close without an end seen).
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      out.end(() => exit());
    };
    stream.on('end', finish);
    stream.on('close', finish);
  });
  server.on('error', () => process.exit(1));
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
} else {
  const file = rest.pop();
  const sends = rest.map(
    (port) =>
      new Promise((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        socket.on('error', () => resolve());
        const stream = secret ? new SecretStream(true, socket) : socket;
        stream.on('error', () => resolve());
        socket.on('close', resolve);
        // 1 MiB writes, as peer-tui sends pieces.
        createReadStream(file, { highWaterMark: 1 << 20 }).pipe(stream);
      }),
  );
  Promise.all(sends).then(exit);
}
