import { keyPair } from 'hypercore-crypto';
import type { PeerNode } from '../../../src/node/node';
import { makeAddress } from '../../../src/wire/address';
import {
  closeAll,
  next,
  record,
  sendRaw,
  startCollector,
  startNode,
  waitUntil,
} from '../../helpers/net';

afterEach(closeAll);

const FAST = { firstDelayMs: 50, maxDelayMs: 200, giveUpAfterMs: 60_000 };
const addr = (node: PeerNode) => makeAddress('127.0.0.1', node.port);
const hex = (pair: { publicKey: Buffer }) => pair.publicKey.toString('hex');

/** A's first message to B: a connect asks first, B answers as a peer-tui, a link carries it. */
async function linked(a: PeerNode, b: PeerNode): Promise<void> {
  expect(await a.send(addr(b), 'first')).toMatchObject({ via: 'link', state: 'sent' });
  expect(a.reach.get(addr(b).key)?.peerTui).toBe(true);
}

describe('encrypted links between peer-tui (peer-tui/2)', () => {
  it('pins each side’s key on the first link, and marks its messages verified', async () => {
    const aKeys = keyPair();
    const bKeys = keyPair();
    const a = await startNode('A', { identity: aKeys });
    const b = await startNode('B', { identity: bKeys });
    const messages = record(b, 'message');
    await linked(a, b);
    expect(await a.send(addr(b), 'over the link')).toMatchObject({ via: 'link', state: 'sent' });
    expect(a.peers.get(addr(b).key)?.key).toBe(hex(bKeys));
    expect(b.peers.get(addr(a).key)?.key).toBe(hex(aKeys));
    expect(messages.map(([m]) => [m.text, m.verified, m.key])).toEqual([
      ['first', true, hex(aKeys)],
      ['over the link', true, hex(aKeys)],
    ]);
  });

  it('refuses a changed key at the same address, holds the message, and sends it once after /trust', async () => {
    const a = await startNode('A', { retry: { ...FAST, giveUpAfterMs: 100 } });
    const b = await startNode('B');
    await linked(a, b);
    await a.send(addr(b), 'pins B');
    const port = b.port;
    await b.close();
    const b2 = await startNode('B2', { port }); // a fresh key at the same address
    const received = record(b2, 'message');
    const warned = next(a, 'warning', (w) => w.code === 'E_KEY_CHANGED');
    const to = makeAddress('127.0.0.1', port);
    expect(await a.send(to, 'wait for trust')).toMatchObject({
      state: 'queued',
      error: 'E_KEY_CHANGED',
    });
    const [warning] = await warned;
    expect(warning.message).toContain(`/trust ${to.key}`);
    expect(a.peers.get(to.key)?.offeredKey).toBe(b2.publicKey);
    // Held past its give-up time (100 ms), and never written in the clear meanwhile.
    const states = record(a, 'delivery');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(states.filter(([d]) => d.state === 'failed')).toEqual([]);
    expect(received).toEqual([]);
    const sent = next(a, 'delivery', (d) => d.text === 'wait for trust' && d.state === 'sent');
    expect(a.trust.accept(to)).toMatchObject({ ok: true });
    expect((await sent)[0].via).toBe('link');
    await waitUntil(() => received.length === 1, 4000, 'the held message');
    expect(received.map(([m]) => [m.text, m.verified])).toEqual([['wait for trust', true]]);
    expect(a.peers.get(to.key)?.key).toBe(b2.publicKey);
  });

  it('takes nothing from an inbound link whose key changed', async () => {
    const a = await startNode('A');
    const b = await startNode('B', { retry: FAST });
    await linked(b, a);
    await b.send(addr(a), 'pins B at A');
    const port = b.port;
    await b.close();
    const b2 = await startNode('B2', { port, retry: FAST });
    const messages = record(a, 'message');
    const warned = next(a, 'warning', (w) => w.code === 'E_KEY_CHANGED');
    // B2 knows nothing of A: its connect asks, A answers as a peer-tui, and the link that
    // follows is refused for its key. Nothing B2 wrote is taken, nothing went in the clear.
    b2.send(addr(a), 'over a refused link').catch(() => undefined);
    await warned;
    await waitUntil(
      () => b2.peers.get(addr(a).key)?.key === a.publicKey,
      4000,
      'B2 pinned A on its side',
    );
    expect(messages).toEqual([]);
    expect(a.peers.get(makeAddress('127.0.0.1', port).key)?.offeredKey).toBe(b2.publicKey);
  });

  it('shows a forged plain message for a pinned address unverified, and keeps the pin', async () => {
    const a = await startNode('A');
    const b = await startNode('B');
    await linked(a, b);
    await a.send(addr(b), 'pins A at B');
    const pinned = b.peers.get(addr(a).key)?.key;
    expect(pinned).toBe(a.publicKey);
    const messages = record(b, 'message');
    // Someone else, from another address, claims to be A in the assignment's form.
    await sendRaw(b.port, [`127.0.0.1:${a.port} A send me your password\n`], {
      from: '127.0.0.2',
    });
    await waitUntil(() => messages.length === 1, 4000, 'the forged message');
    expect(messages[0]?.[0]).toMatchObject({ text: 'send me your password', verified: false });
    expect(b.peers.get(addr(a).key)).toMatchObject({ key: pinned, lastVerified: false });
  });

  it('never writes in the clear to a pinned peer, even when it stops speaking peer-tui', async () => {
    const a = await startNode('A', { retry: FAST });
    const b = await startNode('B');
    await linked(a, b);
    await a.send(addr(b), 'pins B');
    const port = b.port;
    await b.close();
    const other = await startCollector({ port, readOnce: true });
    expect((await a.send(makeAddress('127.0.0.1', port), 'secret')).state).toBe('queued');
    await waitUntil(() => other.connections.length >= 2, 4000, 'two tries');
    for (const seen of other.connections) expect(seen.bytes).not.toContain('secret');
    expect(other.connections[0]?.bytes).toBe(`peer-tui/2 hello 127.0.0.1:${a.port}\n`);
  });

  it('gives a peer-tui of the plain link version assignment-form messages, both ways', async () => {
    const a = await startNode('A');
    const old = await startNode('old', { linkVersion: 1 });
    const atOld = record(old, 'message');
    const atA = record(a, 'message');
    for (let i = 0; i < 3; i++) {
      expect(await a.send(addr(old), `to old ${i}`)).toMatchObject({ via: 'std', state: 'sent' });
      expect(await old.send(addr(a), `to new ${i}`)).toMatchObject({ via: 'std', state: 'sent' });
    }
    await waitUntil(() => atOld.length === 3 && atA.length === 3, 4000, 'every message');
    expect(a.peers.get(addr(old).key)?.key).toBeNull();
    expect(old.peers.get(addr(a).key)?.key).toBeNull();
    expect(a.reach.get(addr(old).key)?.peerTui).toBe(false);
    expect(old.reach.get(addr(a).key)?.peerTui).toBe(false);
  });

  it('refuses a link line speaking for another address than its hello', async () => {
    const a = await startNode('A');
    const b = await startNode('B');
    await linked(a, b);
    // Build a link by hand would need a handshake: a real one, then a line for someone else.
    const rejected = next(b, 'warning', (w) => w.code === 'E_LINK_ADDRESS');
    const messages = record(b, 'message');
    const negotiation = (a as unknown as { direct: { policy: unknown } }).direct.policy as {
      open: (...args: unknown[]) => Promise<{ write(text: string): void }>;
    };
    const { dial } = await import('../../../src/carriers/tcp/dial');
    const socket = await dial(addr(b));
    socket.on('error', () => {});
    const channel = await negotiation.open(socket, addr(b), `127.0.0.1:${a.port}`, {
      data: () => {},
      closed: () => {},
    });
    channel.write(`00000000000000d4 127.0.0.1:1 someone else\n`);
    await rejected;
    expect(messages).toEqual([]);
    socket.destroy();
  });
});
