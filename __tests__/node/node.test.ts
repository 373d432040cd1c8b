import { keyPair } from 'hypercore-crypto';
import { makeAddress } from '../../src/wire/address';
import type { PeerNode } from '../../src/node/node';
import {
  closeAll,
  next,
  record,
  sendRaw,
  sleep,
  startCollector,
  startNode,
  waitUntil,
} from '../helpers/net';

afterEach(closeAll);

/** Retries fast enough for a test to watch. */
const FAST = { firstDelayMs: 50, maxDelayMs: 200, giveUpAfterMs: 60_000 };

const addr = (node: PeerNode) => makeAddress('127.0.0.1', node.port);
const listedPorts = (node: PeerNode) => node.peers.listed().map((peer) => peer.address.port);

describe('the assignment sample workplan on loopback', () => {
  it('gives the expected query tables, before and after p1 sends exit to p3', async () => {
    const [p1, p2, p3, p4] = await Promise.all(
      ['peer1', 'peer2', 'peer3', 'peer4'].map((n) => startNode(n)),
    );
    if (!p1 || !p2 || !p3 || !p4) throw new Error('start');
    const send = async (from: PeerNode, to: PeerNode): Promise<void> => {
      const arrived = next(to, 'message');
      expect((await from.send(addr(to), 'hello')).state).toBe('sent');
      await arrived;
    };
    await send(p1, p2);
    await send(p3, p4);
    await send(p2, p4);
    await send(p4, p1);
    await send(p1, p3);

    expect(listedPorts(p1)).toEqual([p4.port]);
    expect(listedPorts(p2)).toEqual([p1.port]);
    expect(listedPorts(p3)).toEqual([p1.port]);
    expect(listedPorts(p4).sort()).toEqual([p2.port, p3.port].sort());

    const exited = next(p3, 'peer-exited');
    await p1.send(addr(p3), 'exit');
    expect((await exited)[0].address.port).toBe(p1.port);

    expect(listedPorts(p1)).toEqual([p4.port]);
    expect(listedPorts(p2)).toEqual([p1.port]);
    expect(listedPorts(p3)).toEqual([]);
    expect(listedPorts(p4).sort()).toEqual([p2.port, p3.port].sort());

    // peer3 quits: it tells peer4, which it only wrote to, as well as those it lists.
    const p3Left = next(p4, 'peer-exited');
    await p3.quit();
    expect((await p3Left)[0].address.port).toBe(p3.port);
    expect(listedPorts(p4)).toEqual([p2.port]);
  });
});

describe('PeerNode', () => {
  it('lists the same peer once when it sends from several ephemeral ports', async () => {
    const node = await startNode('rx');
    const joined = record(node, 'peer-joined');
    const messages = record(node, 'message');
    for (const text of ['one', 'two', 'three'])
      await sendRaw(node.port, [`127.0.0.1:6001 eph ${text}`]);
    await sleep(100);
    expect(messages.map(([m]) => m.text)).toEqual(['one', 'two', 'three']);
    expect(joined).toHaveLength(1);
    expect(node.peers.listed()).toHaveLength(1);
    expect(node.peers.listed()[0]).toMatchObject({
      messagesIn: 3,
      address: { key: '127.0.0.1:6001' },
    });
  });

  it('lists both sides after the bonus connect', async () => {
    const a = await startNode('A');
    const b = await startNode('B');
    const arrived = next(b, 'peer-joined');
    await a.send(addr(b), 'hi');
    await arrived;
    expect(listedPorts(a)).toEqual([]);
    const results = await a.connect();
    expect(results).toMatchObject([{ state: 'sent', kind: 'connect' }]);
    expect(listedPorts(a)).toEqual([b.port]);
    expect(listedPorts(b)).toEqual([a.port]);
  });

  it('does not show a connect word as chat', async () => {
    const node = await startNode('rx');
    const messages = record(node, 'message');
    const joined = next(node, 'peer-joined');
    await sendRaw(node.port, ['127.0.0.1:6002 c CONNECTION_REQUEST']);
    await joined;
    expect(messages).toEqual([]);
  });

  it('emits peer-exited exactly once per join', async () => {
    const node = await startNode('rx');
    const exited = record(node, 'peer-exited');
    await sendRaw(node.port, ['127.0.0.1:6003 x hi']);
    await sendRaw(node.port, ['127.0.0.1:6003 x exit']);
    await sendRaw(node.port, ['127.0.0.1:6003 x exit']);
    await sleep(100);
    expect(exited).toHaveLength(1);
  });

  it('upgrades to a persistent link between two peer-tui, in order, with acknowledgements', async () => {
    const a = await startNode('A');
    const b = await startNode('B');
    const texts: string[] = [];
    b.on('message', (m) => texts.push(m.text));
    // The first message too: a connect asked first, and the answer said peer-tui.
    const first = await a.send(addr(b), 'first');
    expect([first.via, first.state]).toEqual(['link', 'sent']);
    const rest = await Promise.all(['2', '3', '4', '5'].map((t) => a.send(addr(b), t)));
    expect(rest.map((d) => [d.via, d.state])).toEqual(Array(4).fill(['link', 'sent']));
    expect(texts).toEqual(['first', '2', '3', '4', '5']);
  });

  it('still delivers, once, after the other peer-tui restarts on the same port', async () => {
    const a = await startNode('A');
    const identity = keyPair(); // its key file: kept across the restart
    const b = await startNode('B', { identity });
    const port = b.port;
    await a.send(addr(b), 'first');
    await linkable(a, b.port);
    expect((await a.send(addr(b), 'linked')).via).toBe('link');
    await b.close();
    const b2 = await startNode('B2', { port, identity });
    const arrived = next(b2, 'message');
    const texts: string[] = [];
    b2.on('message', (m) => texts.push(m.text));
    expect(await a.send(makeAddress('127.0.0.1', port), 'after restart')).toMatchObject({
      state: 'sent',
    });
    expect((await arrived)[0].text).toBe('after restart');
    await linkable(a, port);
    expect(await a.send(makeAddress('127.0.0.1', port), 'and on')).toMatchObject({
      via: 'link',
      state: 'sent',
    });
    expect(texts).toEqual(['after restart', 'and on']);
  });

  it('falls back to the plain form when a peer-tui is replaced by another implementation', async () => {
    // The plain peer-tui/1 link pins no key; a pinned peer's messages wait for its link
    // instead (secure-link.test.ts).
    const a = await startNode('A', { retry: FAST, linkVersion: 1 });
    const b = await startNode('B', { linkVersion: 1 });
    const port = b.port;
    await a.send(addr(b), 'first');
    await linkable(a, b.port);
    await b.close();
    const other = await startCollector({ port, readOnce: true });
    const sent = next(a, 'delivery', (d) => d.state === 'sent' && d.text === 'plain again');
    expect((await a.send(makeAddress('127.0.0.1', port), 'plain again')).state).toBe('queued');
    expect((await sent)[0].via).toBe('std');
    const seen = await other.waitFor(3);
    expect(seen.map((c) => c.bytes)).toContain(`127.0.0.1:${a.port} A plain again`);
    expect(a.reach.get(`127.0.0.1:${port}`)?.peerTui).toBe(false);
  });

  it('queues a message for a peer that is down, then fails it after the limit', async () => {
    const a = await startNode('A', { retry: { ...FAST, giveUpAfterMs: 300 } });
    const closed = await startNode('gone');
    const port = closed.port;
    await closed.close();
    const failed = next(a, 'delivery', (d) => d.state === 'failed');
    expect(await a.send(makeAddress('127.0.0.1', port), 'hello?')).toMatchObject({
      state: 'queued',
      error: 'ECONNREFUSED',
    });
    expect(a.outboxState().waiting.map((m) => m.text)).toEqual(['hello?']);
    expect((await failed)[0]).toMatchObject({ text: 'hello?', error: 'ECONNREFUSED' });
    expect(a.outboxState()).toMatchObject({ waiting: [], failed: [{ text: 'hello?' }] });
  });

  it('sends exit to listed peers on quit', async () => {
    const a = await startNode('A');
    const b = await startNode('B');
    await a.connect(addr(b));
    const exited = next(b, 'peer-exited');
    await a.quit();
    expect((await exited)[0].address.port).toBe(a.port);
  });
});

describe('PeerNode.quit', () => {
  it('sends exit once, however often it is called', async () => {
    const a = await startNode('A');
    const peer = await startCollector();
    await a.connect(makeAddress('127.0.0.1', peer.port));
    await Promise.all([a.quit(), a.quit()]);
    await a.quit();
    await sleep(100);
    expect(peer.connections.map((c) => c.bytes.split(' ').pop())).toEqual(['connect', 'exit']);
  });
});

describe('PeerNode.quit with messages on the wire', () => {
  it('lets a send already under way carry its bytes: no empty connection', async () => {
    const a = await startNode('A');
    const peer = await startCollector();
    const sending = a.send(makeAddress('127.0.0.1', peer.port), 'last words');
    await a.quit();
    await sending;
    const [probe, seen] = await peer.waitFor(2);
    expect(probe?.bytes).toBe(`127.0.0.1:${a.port} A connect`);
    expect(seen?.bytes).toBe(`127.0.0.1:${a.port} A last words`);
  });
});

/** Waits until `node` has read `port`'s peer-tui capability (it arrives after our write). */
function linkable(node: PeerNode, port: number): Promise<void> {
  return waitUntil(
    () => node.reach.get(`127.0.0.1:${port}`)?.peerTui === true,
    4000,
    'the capability',
  );
}
