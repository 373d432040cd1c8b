import { connect } from 'node:net';
import type { ChatMessage } from '../../../src/node/events';
import type { PeerNode } from '../../../src/node/node';
import { closeAll, record, sendRaw, startNode, waitUntil, writeThenClose } from '../../helpers/net';

/**
 * Senders that write a lot and then `close()` (not `shutdown`): nothing peer-tui writes
 * back may reach them while they are still sending, or their kernel resets the connection
 * and throws away what it had not delivered (issue 10, defect 1).
 */
afterEach(closeAll);

/** Far more than loopback's socket buffers hold: the sender closes with most in flight. */
const LINES = 150_000;

function lines(count: number, make: (i: number) => string): Buffer {
  return Buffer.from(Array.from({ length: count }, (_, i) => `${make(i)}\n`).join(''));
}

function texts(seen: [ChatMessage][]): string[] {
  return seen.map(([message]) => message.text);
}

async function shown(
  node: PeerNode,
  count: number,
  send: () => Promise<unknown>,
): Promise<string[]> {
  const seen = record(node, 'message');
  await send();
  await waitUntil(() => seen.length >= count, 20_000, `${count} messages`).catch(() => {});
  return texts(seen);
}

const expected = (count: number, offset = 0): string[] =>
  Array.from({ length: count }, (_, i) => `m${i + offset}`);

describe('inbound: a sender that writes then closes loses nothing', () => {
  it(`newline lines: all ${LINES} shown, in order`, async () => {
    const node = await startNode('rx');
    const got = await shown(node, LINES, () =>
      writeThenClose(node.port, [lines(LINES, (i) => `127.0.0.1:6001 c m${i}`)]),
    );
    expect(got.length).toBe(LINES);
    expect(got).toEqual(expected(LINES));
  });

  it('undelimited messages on a held connection: the capability once, after the first pause', async () => {
    const node = await startNode('rx');
    const seen = record(node, 'message');
    const socket = connect({ host: '127.0.0.1', port: node.port });
    socket.on('error', () => {});
    let replies = '';
    socket.on('data', (data: Buffer) => (replies += data.toString()));
    await new Promise((resolve) => socket.once('connect', resolve));
    const capability = `127.0.0.1:${node.port} rx ack peer-tui/2\n`;
    // Each message ends by the idle gap; some senders wait there for any reply (issue 19).
    for (const text of ['m0', 'm1', 'm2']) {
      socket.write(`127.0.0.1:6002 u ${text}`);
      await waitUntil(() => seen.at(-1)?.[0].text === text, 4000, text);
      await waitUntil(() => replies === capability, 4000, 'the capability');
    }
    socket.end();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(replies).toBe(capability);
    expect(texts(seen)).toEqual(['m0', 'm1', 'm2']);
  });

  it('the port-preamble form: every line acked and shown, in order', async () => {
    const node = await startNode('rx');
    const count = 20_000;
    const body = lines(count, (i) => `127.0.0.1:6011 pre m${i}`);
    const acks = (text: string): number => text.split('ack\n').length - 1;
    const got = await shown(node, count, () =>
      writeThenClose(node.port, [`6011\nCONNECT\n`, body], {
        waitForReplies: (replies) => acks(replies) >= count + 2,
      }),
    );
    expect(got).toEqual(expected(count));
  });

  it('two peer-tui: the first message already goes over the link', async () => {
    const a = await startNode('a');
    const b = await startNode('b');
    const to = b.peers.know({ ip: '127.0.0.1', port: b.port, key: `127.0.0.1:${b.port}` }).address;
    expect((await a.send(to, 'first')).via).toBe('link');
    expect((await a.send(to, 'second')).via).toBe('link');
  });
});

describe('inbound: a close or reset keeps what had arrived', () => {
  it('an unterminated message followed by a reset is shown', async () => {
    const node = await startNode('rx');
    const seen = record(node, 'message');
    const socket = connect({ host: '127.0.0.1', port: node.port });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    // One small write: the first line's event shows the tail has been read too.
    socket.write('127.0.0.1:6003 r first\n127.0.0.1:6003 r all of it');
    await waitUntil(() => seen.length === 1, 4000, 'the first line');
    socket.resetAndDestroy();
    await waitUntil(() => seen.length === 2, 4000, 'the cut-short message');
    expect(texts(seen)).toEqual(['first', 'all of it']);
  });

  it('one-shot senders are unchanged: their close means nothing', async () => {
    const node = await startNode('rx');
    const exited = record(node, 'peer-exited');
    const seen = record(node, 'message');
    await sendRaw(node.port, ['127.0.0.1:6004 one hi']);
    await waitUntil(() => seen.length === 1);
    expect(node.peers.get('127.0.0.1:6004')?.state).toBe('listed');
    expect(exited).toEqual([]);
  });
});

describe('inbound: a port-first sender leaves when its connection ends', () => {
  async function session(port: number, lines: string[]): Promise<void> {
    await writeThenClose(port, [`6011\nCONNECT\n`, ...lines.map((line) => `${line}\n`)], {
      waitForReplies: (replies) => replies.split('ack\n').length - 1 >= lines.length + 2,
    });
  }

  it('shown as left once, gone from the query, listed again when it speaks again', async () => {
    const node = await startNode('rx');
    const exited = record(node, 'peer-exited');
    const joined = record(node, 'peer-joined');
    await session(node.port, ['127.0.0.1:6011 pre hi']);
    await waitUntil(() => exited.length === 1, 4000, 'the leave');
    expect(exited.map(([peer]) => peer.address.key)).toEqual(['127.0.0.1:6011']);
    expect(node.peers.listed()).toEqual([]);
    await session(node.port, ['127.0.0.1:6011 pre back']);
    await waitUntil(() => exited.length === 2, 4000, 'the second leave');
    expect(joined.map(([peer]) => peer.address.key)).toEqual(['127.0.0.1:6011', '127.0.0.1:6011']);
  });

  it('its own exit word and then the close make one leave', async () => {
    const node = await startNode('rx');
    const exited = record(node, 'peer-exited');
    const seen = record(node, 'message');
    await session(node.port, ['hello there', 'exit']);
    await waitUntil(() => exited.length === 1, 4000, 'the leave');
    await sendRaw(node.port, ['127.0.0.1:6099 other later']);
    await waitUntil(() => seen.length === 2, 4000, 'a later message');
    expect(exited.length).toBe(1);
  });
});
