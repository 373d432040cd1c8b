import { connect, type Socket } from 'node:net';
import { makeAddress } from '../../src/wire/address';
import {
  closeAll,
  next,
  record,
  sendRaw,
  startCollector,
  startNode,
  waitUntil,
} from '../helpers/net';

/**
 * Mimics of what issue 19 found in more implementations of the assignment: bytes as they
 * write them into a real peer-tui on 127.0.0.1, and what they read back.
 */
afterEach(closeAll);

/** A connection that writes `bytes`, keeps its side open, and collects what comes back. */
async function holdOpen(
  port: number,
  bytes: string,
): Promise<{ socket: Socket; replies: () => string }> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  let replies = '';
  socket.on('data', (data: Buffer) => (replies += data.toString()));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(bytes);
  return { socket, replies: () => replies };
}

describe('a sender that keeps its connection open and waits for a reply', () => {
  it('gets the capability line after its message, well within its 5 s; and it hears us back', async () => {
    const node = await startNode('rx');
    const mimic = await startCollector();
    const shown = next(node, 'message');
    const { socket, replies } = await holdOpen(node.port, `127.0.0.1:${mimic.port} waiter hello`);
    expect((await shown)[0].text).toBe('hello');
    await waitUntil(() => replies().length > 0, 2000, 'a reply');
    expect(replies()).toBe(`127.0.0.1:${node.port} rx ack peer-tui/2\n`);
    socket.end();
    // The other way: it is listed, and our message reaches its listening port.
    expect((await node.send(makeAddress('127.0.0.1', mimic.port), 'hi back')).state).toBe('sent');
    const [probe, seen] = await mimic.waitFor(2);
    expect(probe?.bytes).toBe(`127.0.0.1:${node.port} rx connect`);
    expect(seen?.bytes).toBe(`127.0.0.1:${node.port} rx hi back`);
  });

  it('a connection opened with a connect hears only its `connected`, nothing later', async () => {
    const node = await startNode('rx');
    const { socket, replies } = await holdOpen(node.port, '127.0.0.1:6110 node connect');
    await waitUntil(() => replies().length > 0, 2000, 'the connected');
    socket.write('127.0.0.1:6110 node hello');
    await next(node, 'message');
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the idle gap
    expect(replies()).toBe(`127.0.0.1:${node.port} rx connected peer-tui/2\n`);
    socket.destroy();
  });
});

describe('a two-token connect', () => {
  it('`IP:PORT CONNECT_REQUEST` is answered with exactly CONNECTED, and the sender listed', async () => {
    const node = await startNode('rx');
    const mimic = await startCollector();
    const joined = next(node, 'peer-joined');
    const { socket, replies } = await holdOpen(
      node.port,
      `127.0.0.1:${mimic.port} CONNECT_REQUEST`,
    );
    await waitUntil(() => replies().length > 0, 2000, 'the reply');
    expect(replies()).toBe('CONNECTED\n');
    expect((await joined)[0].address.port).toBe(mimic.port);
    socket.end();
    // Three tokens keep the reply a Node sender reads its third word from.
    const three = await holdOpen(node.port, '127.0.0.1:6111 team CONNECT_REQUEST');
    await waitUntil(() => three.replies().length > 0, 2000, 'the reply');
    expect(three.replies().split(' ')[2]).toBe('connected');
    three.socket.end();
    expect((await node.send(makeAddress('127.0.0.1', mimic.port), 'hello')).state).toBe('sent');
    expect((await mimic.waitFor(2))[1]?.bytes).toBe(`127.0.0.1:${node.port} rx hello`);
  });
});

describe('`IP:PORT DISCONNECTED`', () => {
  it('is a leave: the sender is unlisted, and no empty chat line is shown', async () => {
    const node = await startNode('rx');
    const messages = record(node, 'message');
    await sendRaw(node.port, ['127.0.0.1:6120 dc hello']);
    await waitUntil(() => node.peers.listed().length === 1, 2000, 'listed');
    const exited = next(node, 'peer-exited');
    await sendRaw(node.port, ['127.0.0.1:6120 DISCONNECTED']);
    expect((await exited)[0].address.port).toBe(6120);
    expect(node.peers.listed()).toEqual([]);
    expect(messages.map(([m]) => m.text)).toEqual(['hello']);
  });

  it('as chat text after a name it stays chat', async () => {
    const node = await startNode('rx');
    const shown = next(node, 'message');
    await sendRaw(node.port, ['127.0.0.1:6121 dc disconnected']);
    expect((await shown)[0].text).toBe('disconnected');
  });
});

describe('a header naming our own address', () => {
  it('shows the text from the source IP and lists nobody, neither us nor the sender', async () => {
    const node = await startNode('rx');
    const joined = record(node, 'peer-joined');
    const shown = next(node, 'message');
    await sendRaw(node.port, [`127.0.0.1:${node.port} Team PING`]);
    expect((await shown)[0]).toMatchObject({
      from: { key: '127.0.0.1' },
      name: 'Team',
      text: 'PING',
      sourceIp: '127.0.0.1',
    });
    await sendRaw(node.port, [`127.0.0.1:${node.port} Team connect`]);
    await sendRaw(node.port, ['127.0.0.1:6130 other after']);
    await waitUntil(() => joined.length === 1, 2000, 'the next sender');
    expect(node.peers.all().map((peer) => peer.address.port)).toEqual([6130]);
  });
});
