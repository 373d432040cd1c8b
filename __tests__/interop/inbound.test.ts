import { connect } from 'node:net';
import type { PeerNode } from '../../src/node/node';
import { closeAll, next, record, sendRaw, sleep, startNode } from '../helpers/net';

/**
 * Mimics of how other implementations send (findings.md, "What senders put on the wire"),
 * each written into a real peer-tui on 127.0.0.1.
 */
afterEach(closeAll);

async function texts(
  node: PeerNode,
  send: () => Promise<unknown>,
  settleMs = 100,
): Promise<string[]> {
  const seen = record(node, 'message');
  await send();
  await sleep(settleMs);
  return seen.map(([m]) => `${m.from.key} ${m.name} ${m.text}`);
}

describe('inbound: every sender in findings.md', () => {
  it('std: one write, no terminator, then FIN', async () => {
    const node = await startNode('rx');
    expect(
      await texts(node, () => sendRaw(node.port, ['127.0.0.1:6001 CRYPTOKNIGHTS hello'])),
    ).toEqual(['127.0.0.1:6001 CRYPTOKNIGHTS hello']);
  });

  it('std with \\n or \\r\\n terminators, and exit with either', async () => {
    const node = await startNode('rx');
    expect(
      await texts(node, async () => {
        await sendRaw(node.port, ['127.0.0.1:6001 a one\n']);
        await sendRaw(node.port, ['127.0.0.1:6001 a two\r\n']);
      }),
    ).toEqual(['127.0.0.1:6001 a one', '127.0.0.1:6001 a two']);
    const exited = next(node, 'peer-exited');
    await sendRaw(node.port, ['127.0.0.1:6001 a exit\r\n']);
    await exited;
  });

  it('bracketed address', async () => {
    const node = await startNode('rx');
    const seen = await texts(node, () => sendRaw(node.port, ['<127.0.0.1:6006> nm-team hello']));
    expect(seen).toEqual(['127.0.0.1:6006 nm-team hello']);
  });

  it('a header naming another IP than the source: kept as identity, flagged', async () => {
    const node = await startNode('rx', { host: '0.0.0.0' });
    const warned = next(node, 'warning', (w) => w.code === 'E_HEADER_MISMATCH');
    const message = next(node, 'message');
    // The C++ client that writes the recipient's IP, sending from 127.0.0.3.
    await sendRaw(node.port, ['<127.0.0.1:6006> cpp hello'], { from: '127.0.0.3' });
    await warned;
    expect((await message)[0]).toMatchObject({ sourceIp: '127.0.0.3', headerMatchesSource: false });
    expect(node.peers.get('127.0.0.1:6006')).toMatchObject({
      sourceIp: '127.0.0.3',
      headerMatchesSource: false,
    });
  });

  it('persistent connection with newline-terminated lines, written apart and together', async () => {
    const node = await startNode('rx');
    const seen = await texts(node, () =>
      sendRaw(
        node.port,
        ['127.0.0.1:6007 p one\n', '127.0.0.1:6007 p two\n127.0.0.1:6007 p three\n'],
        { gapMs: 50 },
      ),
    );
    expect(seen).toEqual([
      '127.0.0.1:6007 p one',
      '127.0.0.1:6007 p two',
      '127.0.0.1:6007 p three',
    ]);
    expect(node.peers.listed()).toHaveLength(1);
  });

  it('persistent with no delimiter after a connect, answered with `connected` as third word', async () => {
    const node = await startNode('rx');
    let reply = '';
    const seen = await texts(
      node,
      () =>
        sendRaw(
          node.port,
          [
            '127.0.0.1:6008 nodejs connect',
            '127.0.0.1:6008 nodejs first',
            '127.0.0.1:6008 nodejs second',
          ],
          {
            gapMs: 450,
            onReply: (text) => (reply += text),
          },
        ),
      50,
    );
    expect(seen).toEqual(['127.0.0.1:6008 nodejs first', '127.0.0.1:6008 nodejs second']);
    expect(reply.trim().split(/\s+/)[2]).toBe('connected');
    expect(node.peers.listed().map((p) => p.address.key)).toEqual(['127.0.0.1:6008']);
  });

  it.each([
    ['6011\n', 'CONNECT\n', '127.0.0.1:6011 pre hello there\n'],
    ['6012\n', 'team\n', 'CONNECT\n', 'hello there\n'],
  ])('port preamble, its sender waiting for an ack after each line (%j)', async (...lines) => {
    const node = await startNode('rx');
    const socket = connect({ host: '127.0.0.1', port: node.port });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    const seen = record(node, 'message');
    for (const line of lines) {
      socket.write(line);
      // The real sender blocks here until the receiver writes anything back.
      await new Promise((resolve, reject) => {
        socket.once('data', resolve);
        setTimeout(() => reject(new Error(`no ack after ${JSON.stringify(line)}`)), 2000);
      });
    }
    socket.destroy();
    expect(seen.map(([m]) => [m.from.port, m.text])).toEqual([
      [Number(lines[0]?.trim()), 'hello there'],
    ]);
  });

  it('block form with a timestamp, then its DISCONNECT', async () => {
    const node = await startNode('rx');
    const seen = await texts(node, () =>
      sendRaw(node.port, ['<127.0.0.1:6013> [2025-02-20 10:11:12] @ blk\nmulti\nline\n<end>']),
    );
    expect(seen).toEqual(['127.0.0.1:6013 blk multi\nline']);
    const exited = next(node, 'peer-exited');
    await sendRaw(node.port, ['<127.0.0.1:6013> DISCONNECT']);
    await exited;
  });

  it('key/value form', async () => {
    const node = await startNode('rx');
    expect(
      await texts(node, () => sendRaw(node.port, ['LISTENING_PORT:6014|TEAM_NAME:kv|hi there'])),
    ).toEqual(['127.0.0.1:6014 kv hi there']);
  });

  it('JSON form: connect, message, exit', async () => {
    const node = await startNode('rx');
    const json = (o: object): string =>
      JSON.stringify({ sender_name: 'js', sender_port: 6015, ...o });
    const joined = next(node, 'peer-joined');
    await sendRaw(node.port, [json({ type: 'connect' })]);
    await joined;
    expect(
      await texts(node, () => sendRaw(node.port, [json({ type: 'message', content: 'hey' })])),
    ).toEqual(['127.0.0.1:6015 js hey']);
    const exited = next(node, 'peer-exited');
    await sendRaw(node.port, [json({ type: 'exit' })]);
    await exited;
  });

  it('ignores a leave forged from another source IP (127.0.0.2)', async () => {
    const node = await startNode('rx', { host: '0.0.0.0' });
    await sendRaw(node.port, ['127.0.0.1:6016 victim hi'], { from: '127.0.0.1' });
    const warned = next(node, 'warning', (w) => w.code === 'E_FORGED_LEAVE');
    await sendRaw(node.port, ['127.0.0.1:6016 forwarder exit'], { from: '127.0.0.2' });
    await warned;
    expect(node.peers.listed().map((p) => p.address.key)).toEqual(['127.0.0.1:6016']);
  });

  it('shows text in no known form as unparsed and adds no peer', async () => {
    const node = await startNode('rx');
    const unparsed = next(node, 'unparsed');
    await sendRaw(node.port, ['Who is online?']);
    expect((await unparsed)[0]).toMatchObject({
      text: 'Who is online?',
      code: 'E_BAD_ADDRESS',
      sourceIp: '127.0.0.1',
    });
    expect(node.peers.all()).toEqual([]);
  });

  it('survives an empty connection: no peer, still serving', async () => {
    const node = await startNode('rx');
    await sendRaw(node.port, []);
    expect(node.peers.all()).toEqual([]);
    expect(await texts(node, () => sendRaw(node.port, ['127.0.0.1:6017 a ok']))).toHaveLength(1);
  });

  it('drops a connection past the byte cap and serves the others throughout', async () => {
    const node = await startNode('rx');
    const warned = next(node, 'warning', (w) => w.code === 'E_FRAME_TOO_LARGE');
    const flood = sendRaw(node.port, [Buffer.alloc(200 * 1024, 0x61)]).catch(() => '');
    expect(await texts(node, () => sendRaw(node.port, ['127.0.0.1:6018 b fine']))).toEqual([
      '127.0.0.1:6018 b fine',
    ]);
    await warned;
    await flood;
  });

  it('decodes UTF-8 split across writes and turns bad bytes into U+FFFD', async () => {
    const node = await startNode('rx');
    const bytes = Buffer.from('127.0.0.1:6019 u héllo 😀');
    const seen = await texts(node, () =>
      sendRaw(
        node.port,
        [
          bytes.subarray(0, 18),
          bytes.subarray(18, 27),
          Buffer.concat([bytes.subarray(27), Buffer.from([0xff])]),
        ],
        {
          gapMs: 20,
        },
      ),
    );
    expect(seen).toEqual(['127.0.0.1:6019 u héllo 😀\ufffd']);
  });
});
