import { makeAddress } from '../../src/wire/address';
import {
  closeAll,
  record,
  sendRaw,
  sleep,
  startCollector,
  startNode,
  waitUntil,
} from '../helpers/net';

/**
 * peer-tui writing to mimics of how other implementations receive (findings.md, "What
 * receivers do"): the bytes must be what each of them handles.
 */
afterEach(closeAll);

describe('outbound: every receiver in findings.md', () => {
  it('read-once receivers get exactly `IP:PORT NAME TEXT`, no terminator, one connection each', async () => {
    const node = await startNode('blockchain');
    const peer = await startCollector({ readOnce: true });
    const to = makeAddress('127.0.0.1', peer.port);
    await node.send(to, 'hello');
    await node.send(to, 'second');
    const seen = await peer.waitFor(3);
    // Once per address, the assignment's connect first: it asks whether a peer-tui is there.
    expect(seen.map((c) => c.bytes)).toEqual([
      `127.0.0.1:${node.port} blockchain connect`,
      `127.0.0.1:${node.port} blockchain hello`,
      `127.0.0.1:${node.port} blockchain second`,
    ]);
  });

  it('exit goes as the bare lowercase word, for receivers that neither strip nor fold case', async () => {
    const node = await startNode('t');
    const peer = await startCollector();
    await node.send(makeAddress('127.0.0.1', peer.port), 'exit');
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes.endsWith(' t exit')).toBe(true);
  });

  it('a long message is cut into messages that each fit a 1024-byte recv', async () => {
    const node = await startNode('t');
    const peer = await startCollector({ readOnce: true });
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    expect((await node.send(makeAddress('127.0.0.1', peer.port), words)).state).toBe('sent');
    await sleep(200);
    const header = `127.0.0.1:${node.port} t `;
    expect(peer.connections.shift()?.bytes).toBe(`${header}connect`);
    for (const c of peer.connections) {
      expect(Buffer.byteLength(c.bytes)).toBeLessThanOrEqual(1024);
      expect(c.bytes.startsWith(header)).toBe(true);
    }
    expect(peer.connections.map((c) => c.bytes.slice(header.length)).join(' ')).toBe(words);
  });

  it('receivers that reply (`ACK from 6005`, `Message received`, `connect_ack`) cost nothing', async () => {
    const node = await startNode('t');
    const replies = [
      'ACK from 6005',
      'Message received',
      '127.0.0.1:6005 x connect_ack',
      'CONNECT_ACCEPTED',
    ];
    for (const reply of replies) {
      const peer = await startCollector({ reply: (_, socket) => socket.write(reply) });
      expect((await node.send(makeAddress('127.0.0.1', peer.port), 'hi')).state).toBe('sent');
      expect((await node.connect(makeAddress('127.0.0.1', peer.port)))[0]?.state).toBe('sent');
      expect(node.reach.get(`127.0.0.1:${peer.port}`)?.peerTui).toBe(false);
    }
  });

  it('a receiver that stops reading delays nobody else, though our writes to it stall', async () => {
    // A plain (peer-tui/1) link: its bytes are ours to stall; an encrypted one stalls alike.
    const node = await startNode('t', { linkVersion: 1 });
    let stuckPort = 0;
    // A peer-tui that answers the first message with the capability, then takes our link
    // and never reads it again: our writes pile up far past what the socket buffers hold.
    const stuck = await startCollector({
      reply: (text, socket) => {
        if (text.startsWith('peer-tui/1 hello')) socket.pause();
        else socket.write(`127.0.0.1:${stuckPort} stuck ack peer-tui/1\n`);
      },
    });
    stuckPort = stuck.port;
    const fine = await startCollector();
    const toStuck = makeAddress('127.0.0.1', stuck.port);
    await node.send(toStuck, 'hello');
    await waitUntil(() => node.reach.get(toStuck.key)?.peerTui === true, 4000, 'the capability');
    const stuckSent = record(node, 'delivery');
    const big = 'x'.repeat(50_000);
    for (let i = 0; i < 200; i++) void node.send(toStuck, `${i} ${big}`);
    expect((await node.send(makeAddress('127.0.0.1', fine.port), 'other')).state).toBe('sent');
    const [seen] = await fine.waitFor(1);
    expect(seen?.bytes).toBe(`127.0.0.1:${node.port} t other`);
    // Still nothing acknowledged by the stuck peer: its 10 MB are stalled, not lost or sent.
    expect(stuckSent.filter(([d]) => d.to.key === toStuck.key && d.state === 'sent')).toEqual([]);
  });

  it('answers JSON, key/value and block senders in their own form', async () => {
    const node = await startNode('t');
    for (const [first, expected] of [
      [
        (port: number) =>
          JSON.stringify({ type: 'message', content: 'hi', sender_name: 'js', sender_port: port }),
        (own: number) =>
          JSON.stringify({ type: 'message', content: 'back', sender_name: 't', sender_port: own }),
      ],
      [
        (port: number) => `LISTENING_PORT:${port}|TEAM_NAME:kv|hi`,
        (own: number) => `LISTENING_PORT:${own}|TEAM_NAME:t|back`,
      ],
      [
        (port: number) => `<127.0.0.1:${port}> @ blk\nhi\n<end>`,
        (own: number) => `<127.0.0.1:${own}> @ t\nback\n<end>`,
      ],
    ] as const) {
      const peer = await startCollector();
      await sendRaw(node.port, [first(peer.port)]);
      await sleep(50);
      await node.send(makeAddress('127.0.0.1', peer.port), 'back');
      const [seen] = await peer.waitFor(1);
      expect(seen?.bytes).toBe(expected(node.port));
    }
  });

  it('connect greets a peer that only sent to us and lists it', async () => {
    const node = await startNode('t');
    const peer = await startCollector();
    await sendRaw(node.port, [`127.0.0.1:${peer.port} other hello`]);
    await sleep(50);
    const [result] = await node.connect();
    expect(result).toMatchObject({ state: 'sent', kind: 'connect' });
    const [seen] = await peer.waitFor(1);
    expect(seen?.bytes).toBe(`127.0.0.1:${node.port} t connect`);
  });

  it('writes the advertised IP in headers when asked', async () => {
    const node = await startNode('t', { advertise: '127.0.0.7' });
    const peer = await startCollector();
    await node.send(makeAddress('127.0.0.1', peer.port), 'hi');
    const [probe, seen] = await peer.waitFor(2);
    expect(probe?.bytes).toBe(`127.0.0.7:${node.port} t connect`);
    expect(seen?.bytes).toBe(`127.0.0.7:${node.port} t hi`);
  });
});

describe('outbound from a node bound to one loopback address', () => {
  it('sends from the address it listens on, and names it in the header', async () => {
    const node = await startNode('t', { host: '127.0.0.12' });
    const peer = await startCollector();
    await node.send(makeAddress('127.0.0.1', peer.port), 'from .12');
    const [, seen] = await peer.waitFor(2);
    expect(seen?.remoteAddress).toBe('127.0.0.12');
    expect(seen?.bytes).toBe(`127.0.0.12:${node.port} t from .12`);
  });
});
