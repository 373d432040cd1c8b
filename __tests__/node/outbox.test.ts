import { keyPair } from 'hypercore-crypto';
import { makeAddress } from '../../src/wire/address';
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

const FAST = { firstDelayMs: 50, maxDelayMs: 200, giveUpAfterMs: 60_000 };

describe('outbox', () => {
  it('holds messages for a stopped peer and delivers each once, in order, when it is back', async () => {
    const a = await startNode('A', { retry: FAST });
    const first = await startCollector();
    const port = first.port;
    await new Promise((resolve) => first.server.close(resolve));
    const to = makeAddress('127.0.0.1', port);
    const outcomes = await Promise.all(['one', 'two', 'three'].map((text) => a.send(to, text)));
    expect(outcomes.map((d) => d.state)).toEqual(['queued', 'queued', 'queued']);
    await sleep(300);
    const delivered = next(a, 'delivery', (d) => d.text === 'three' && d.state === 'sent');
    const back = await startCollector({ port });
    const seen = await back.waitFor(4);
    // A duplicate would be sent before three is reported sent: messages leave in order,
    // after the connect that asks whether a peer-tui is there.
    await delivered;
    expect(back.connections.map((c) => c.bytes.split(' ').pop())).toEqual([
      'connect',
      'one',
      'two',
      'three',
    ]);
    expect(seen).toHaveLength(4);
  });

  it('delivers the same to a peer-tui that comes back, over its link', async () => {
    const a = await startNode('A', { retry: FAST });
    const identity = keyPair(); // its key file, kept across the restart
    let b = await startNode('B', { identity });
    const port = b.port;
    await a.send(makeAddress('127.0.0.1', port), 'hello');
    await waitUntil(() => a.reach.get(`127.0.0.1:${port}`)?.peerTui === true, 4000, 'capability');
    await b.close();
    const to = makeAddress('127.0.0.1', port);
    await Promise.all(['one', 'two', 'three'].map((text) => a.send(to, text)));
    b = await startNode('B', { port, identity });
    const texts = record(b, 'message');
    // Acknowledged in order over one stream: once three is, a duplicate would have shown.
    await next(a, 'delivery', (d) => d.text === 'three' && d.state === 'sent');
    expect(texts.map(([m]) => m.text)).toEqual(['one', 'two', 'three']);
  });

  it('a message queued for an unreachable peer is said held when the peer comes back with another key', async () => {
    const a = await startNode('A', { retry: FAST });
    const b = await startNode('B');
    const port = b.port;
    const to = makeAddress('127.0.0.1', port);
    await a.send(to, 'hello');
    // The first message finds it is a peer-tui; the second goes over the link, pinning its key.
    await waitUntil(() => a.reach.get(to.key)?.peerTui === true, 4000, 'capability');
    await a.send(to, 'again');
    await waitUntil(() => (a.peers.get(to.key)?.key ?? null) !== null, 4000, 'key pinned');
    await b.close();
    expect(await a.send(to, 'waiting')).toMatchObject({ state: 'queued', error: 'ECONNREFUSED' });
    const held = next(a, 'delivery', (d) => d.text === 'waiting' && d.error === 'E_KEY_CHANGED');
    await startNode('B', { port }); // a fresh key
    expect((await held)[0]).toMatchObject({ state: 'queued', error: 'E_KEY_CHANGED' });
  });

  it('a connect to an unreachable peer fails at once, even behind waiting messages', async () => {
    const a = await startNode('A', { retry: FAST });
    const gone = await startCollector();
    const port = gone.port;
    await new Promise((resolve) => gone.server.close(resolve));
    const to = makeAddress('127.0.0.1', port);
    await a.send(to, 'waiting');
    const [result] = await a.connect(to);
    expect(result).toMatchObject({ kind: 'connect', state: 'failed', error: 'ECONNREFUSED' });
    expect(a.outboxState().waiting.map((m) => m.text)).toEqual(['waiting']);
  });

  it('/retry sends failed messages again', async () => {
    const a = await startNode('A', { retry: { ...FAST, giveUpAfterMs: 100 } });
    const gone = await startCollector();
    const port = gone.port;
    await new Promise((resolve) => gone.server.close(resolve));
    const failed = next(a, 'delivery', (d) => d.state === 'failed');
    await a.send(makeAddress('127.0.0.1', port), 'late');
    await failed;
    const back = await startCollector({ port });
    expect(a.retryFailed()).toBe(1);
    const [, seen] = await back.waitFor(2); // the connect that asks, then the message
    expect(seen?.bytes).toBe(`127.0.0.1:${a.port} A late`);
  });
});

describe('link de-duplication', () => {
  it('shows a message resent with the same id once', async () => {
    const b = await startNode('B');
    const messages = record(b, 'message');
    const line = '00000000000000c3 127.0.0.1:7100 A hello once\n';
    const replies = await sendRaw(b.port, ['peer-tui/1 hello\n', line, line], { gapMs: 20 });
    await sendRaw(b.port, ['peer-tui/1 hello\n', line]);
    await sleep(50);
    expect(messages.map(([m]) => m.text)).toEqual(['hello once']);
    expect(replies).toBe('peer-tui/1 ack 00000000000000c3\npeer-tui/1 ack 00000000000000c3\n');
  });
});
