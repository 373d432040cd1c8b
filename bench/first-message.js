'use strict';
// Benchmark 11: what asking first costs other implementations. A fresh peer-tui sends its
// first and second message to a receiver that reads once and closes (most of them), one that
// closes when the sender does, and one that never closes an accepted socket nor answers;
// against the same receiver getting the same bytes from a bare one-shot sender. Time from
// the command to the text's arrival.
const { createServer } = require('node:net');
const { oneShot, peerTui, sleep } = require('./lib');

/** A receiver that hangs up after its first read (`read-once`), at the sender's close
 * (`on-end`), or `never`. */
async function mimic(closes) {
  const arrivals = [];
  const sockets = new Set();
  // Half-open allowed: a Node server would otherwise close at the sender's FIN by itself.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk) => {
      arrivals.push({ at: performance.now(), text: chunk.toString() });
      if (closes === 'read-once') socket.destroy();
    });
    if (closes === 'on-end') socket.on('end', () => socket.end());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const waitText = async (text) => {
    for (;;) {
      const found = arrivals.find((a) => a.text.endsWith(text));
      if (found) return found.at;
      await sleep(1);
    }
  };
  return {
    port: server.address().port,
    waitText,
    arrivals,
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function firstMessageRuns(closes, tries = 5) {
  const ours = { first: [], second: [] };
  const bare = [];
  for (let i = 0; i < tries; i++) {
    const receiver = await mimic(closes);
    const sender = await peerTui([], `s${i}`);
    for (const which of ['first', 'second']) {
      const text = `${which} message ${i}`;
      const began = performance.now();
      sender.child.stdin.write(`/send 127.0.0.1:${receiver.port} ${text}\n`);
      ours[which].push((await receiver.waitText(text)) - began);
    }
    const began = performance.now();
    // The bare sender writes and half-closes; only the text's arrival is timed (a receiver
    // that never closes would hold its close forever).
    oneShot(receiver.port, `127.0.0.1:1 bare bare ${i}`).catch(() => {});
    await receiver.waitText(`bare ${i}`);
    bare.push(performance.now() - began);
    sender.child.kill('SIGKILL');
    receiver.close();
  }
  return { first: median(ours.first), second: median(ours.second), bare: median(bare), tries };
}

module.exports = { firstMessageRuns };

if (require.main === module)
  (async () => {
    for (const mode of ['read-once', 'on-end', 'never'])
      console.log(mode, await firstMessageRuns(mode));
  })();
