import { connect, createServer, type Socket } from 'node:net';
import type { PeerNode } from '../../src/node/node';
import { makeAddress } from '../../src/wire/address';
import { closeAll, next, sendRaw, startCollector, startNode, waitUntil } from '../helpers/net';

/**
 * The two port-first implementations of findings.md, mimicked from their behaviour: a
 * receiver that reads the sender's port in its first `recv` (else prints `Invalid sender
 * port` and hangs up), then one message per `recv`, each answered with an unterminated ack,
 * and `exit` (the whole stripped text) as the leave; a sender that opens with its port and
 * waits for an ack after each line. And the C++ reader of `<IP:PORT>` headers.
 */
const servers: { close(): void }[] = [];
afterEach(async () => {
  servers.splice(0).forEach((server) => server.close());
  await closeAll();
});

interface PortFirstPeer {
  port: number;
  printed: string[];
  invalid: string[];
  exits: number;
  connections: number;
}

async function portFirstReceiver(listenOn = 0): Promise<PortFirstPeer> {
  const peer: PortFirstPeer = { port: 0, printed: [], invalid: [], exits: 0, connections: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    peer.connections += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let first = true;
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString().trim();
      if (first) {
        first = false;
        const [port = '', rest] = text.split(/\n(.*)/s);
        if (!/^\d+$/.test(port)) {
          peer.invalid.push(text);
          return void socket.destroy();
        }
        if (rest !== undefined) {
          peer.printed.push(rest.trim());
          socket.write('\u2705 Message received');
        }
        return;
      }
      if (text === '') return;
      if (text.toLowerCase() === 'exit') {
        peer.exits += 1;
        return void socket.destroy();
      }
      peer.printed.push(text);
      socket.write('\u2705 Message received');
    });
  });
  await new Promise<void>((resolve) => server.listen(listenOn, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
    },
  });
  const address = server.address();
  peer.port = typeof address === 'object' && address ? address.port : 0;
  return peer;
}

/** Their sender: the opening, then each line only after the ack of the one before. */
async function portFirstSend(to: number, opening: string, lines: string[]): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port: to });
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('connect', resolve));
  let acks = 0;
  socket.on('data', (chunk: Buffer) => (acks += chunk.toString().split('ack\n').length - 1));
  socket.write(opening);
  for (const [index, line] of lines.entries()) {
    await waitUntil(() => acks >= opening.split('\n').length - 1 + index, 4000, 'an ack');
    socket.write(`${line}\n`);
  }
  await waitUntil(() => acks >= opening.split('\n').length - 1 + lines.length, 4000, 'acks');
}

async function heardFrom(node: PeerNode, send: () => Promise<void>): Promise<void> {
  const joined = next(node, 'peer-joined');
  await send();
  await joined;
}

describe('port-first peers get what we send, in their own variant', () => {
  it('header variant: PORT\\nCONNECT\\n, then IP:PORT NAME TEXT lines on one connection', async () => {
    const node = await startNode('t');
    const peer = await portFirstReceiver();
    await heardFrom(node, () =>
      portFirstSend(node.port, `${peer.port}\nCONNECT\n`, [`127.0.0.1:${peer.port} dtg hello`]),
    );
    const to = makeAddress('127.0.0.1', peer.port);
    expect((await node.send(to, 'back')).state).toBe('sent');
    expect((await node.send(to, 'and again')).state).toBe('sent');
    expect(peer.invalid).toEqual([]);
    expect(peer.printed).toEqual([
      'CONNECT',
      `127.0.0.1:${node.port} t back`,
      `127.0.0.1:${node.port} t and again`,
    ]);
    expect(peer.connections).toBe(1);
    await node.quit();
    await waitUntil(() => peer.exits === 1, 4000, 'our exit');
  });

  it('bare variant: PORT\\nTEAM\\nCONNECT\\n, then bare lines', async () => {
    const node = await startNode('t');
    const peer = await portFirstReceiver();
    await heardFrom(node, () => portFirstSend(node.port, `${peer.port}\nnida\nCONNECT\n`, ['hi']));
    expect(node.peers.get(`127.0.0.1:${peer.port}`)?.name).toBe('nida');
    expect(node.reach.get(`127.0.0.1:${peer.port}`)?.dialect).toBe('preamble');
    const to = makeAddress('127.0.0.1', peer.port);
    expect((await node.send(to, 'line one\nline two')).state).toBe('sent');
    expect(peer.invalid).toEqual([]);
    expect(peer.printed).toEqual(['t\nCONNECT', 'line one line two']);
    // A connect on the held link: exit, its close, then a new connection opening with it.
    const [connected] = await node.connect(to);
    expect(connected?.state).toBe('sent');
    expect(peer.exits).toBe(1);
    expect(peer.connections).toBe(2);
    expect(peer.printed).toEqual(['t\nCONNECT', 'line one line two', 't\nCONNECT']);
    // The new link is kept: the next line goes on it.
    expect((await node.send(to, 'after')).state).toBe('sent');
    expect(peer.printed.at(-1)).toBe('after');
    expect(peer.connections).toBe(2);
  });

  it('header variant: a connect on a held link is written, on a new connection', async () => {
    const node = await startNode('t');
    const peer = await portFirstReceiver();
    await heardFrom(node, () =>
      portFirstSend(node.port, `${peer.port}\nCONNECT\n`, [`127.0.0.1:${peer.port} dtg hello`]),
    );
    const to = makeAddress('127.0.0.1', peer.port);
    expect((await node.send(to, 'first')).state).toBe('sent');
    const [connected] = await node.connect(to);
    expect(connected?.state).toBe('sent');
    expect(peer.printed).toEqual(['CONNECT', `127.0.0.1:${node.port} t first`, 'CONNECT']);
    expect(peer.connections).toBe(2);
  });

  it('a port-first peer that went away: queued, then a new connection when it is back', async () => {
    const node = await startNode('t', {
      retry: { firstDelayMs: 50, maxDelayMs: 100, giveUpAfterMs: 60_000 },
    });
    const peer = await portFirstReceiver();
    await heardFrom(node, () =>
      portFirstSend(node.port, `${peer.port}\nCONNECT\n`, [`127.0.0.1:${peer.port} dtg hello`]),
    );
    servers.splice(0).forEach((server) => server.close());
    const to = makeAddress('127.0.0.1', peer.port);
    expect((await node.send(to, 'while away')).state).toBe('queued');
    const back = await portFirstReceiver(peer.port);
    await waitUntil(() => back.printed.length === 2, 4000, 'the queued message');
    expect(back.printed).toEqual(['CONNECT', `127.0.0.1:${node.port} t while away`]);
  });
});

describe('a bracketed sender is answered with a bracketed header', () => {
  it('so a reader that strips one character off each end of it reads our address', async () => {
    const node = await startNode('t');
    const peer = await startCollector();
    await heardFrom(node, () =>
      sendRaw(node.port, [`<127.0.0.1:${peer.port}> cpp hello`]).then(() => {}),
    );
    await node.send(makeAddress('127.0.0.1', peer.port), 'back');
    const [probe, seen] = await peer.waitFor(2);
    expect(probe?.bytes).toBe(`<127.0.0.1:${node.port}> t connect`);
    expect(seen?.bytes).toBe(`<127.0.0.1:${node.port}> t back`);
    const header = seen?.bytes.split(' ')[0] ?? '';
    expect(header.slice(1, -1)).toBe(`127.0.0.1:${node.port}`);
  });
});
