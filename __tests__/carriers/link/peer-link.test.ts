import { negotiationFor } from '../../helpers/peer';
import { createServer, type Server, type Socket } from 'node:net';
import { PeerLink } from '../../../src/carriers/link/peer-link';
import { parseAddress, type Address } from '../../../src/wire/address';
import { formatLinkAck, LINK_HELLO } from '../../../src/wire/link';
import { sleep } from '../../helpers/net';

const ID_A = '00000000000000aa';
const ID_B = '00000000000000bb';

/** A raw peer that records the lines it reads and acknowledges only the ids in `ackIds`. */
async function startPeer(
  ackIds: Set<string>,
): Promise<{ server: Server; to: Address; lines: string[] }> {
  const lines: string[] = [];
  const server = createServer((socket: Socket) => {
    socket.on('error', () => {});
    let carry = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const parts = (carry + chunk).split('\n');
      carry = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        const id = line.slice(0, 16);
        if (ackIds.has(id)) socket.write(formatLinkAck(id));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const to = parseAddress(`127.0.0.1:${port}`);
  if (!to.ok) throw new Error('bad address');
  return { server, to: to.value, lines };
}

const own = (): { addressKey: string; header: string } => ({
  addressKey: '127.0.0.1:9',
  header: '127.0.0.1:9 me',
});
const plain = negotiationFor(1);

describe('PeerLink', () => {
  const servers: Server[] = [];
  const links: PeerLink[] = [];
  afterEach(async () => {
    links.splice(0).forEach((link) => link.close());
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('says hello, then one line per message; an ack settles each', async () => {
    const peer = await startPeer(new Set([ID_A, ID_B]));
    servers.push(peer.server);
    const link = new PeerLink(peer.to, plain, own);
    links.push(link);
    const outcomes = await Promise.all([link.send(ID_A, 'one'), link.send(ID_B, 'two')]);
    expect(outcomes).toEqual([{ ok: true }, { ok: true }]);
    expect(peer.lines).toEqual([
      LINK_HELLO,
      `${ID_A} 127.0.0.1:9 me one`,
      `${ID_B} 127.0.0.1:9 me two`,
    ]);
  });

  it('breaks with E_NO_ACK when the oldest message waits past the deadline, failing all', async () => {
    const peer = await startPeer(new Set());
    servers.push(peer.server);
    const link = new PeerLink(peer.to, plain, own, undefined, 150);
    links.push(link);
    const outcomes = await Promise.all([link.send(ID_A, 'one'), link.send(ID_B, 'two')]);
    expect(outcomes).toEqual([
      { ok: false, error: 'E_NO_ACK' },
      { ok: false, error: 'E_NO_ACK' },
    ]);
    expect(link.usable).toBe(false);
  });

  it('gives a later message its own full deadline after an earlier one is acknowledged', async () => {
    const peer = await startPeer(new Set([ID_A]));
    servers.push(peer.server);
    const link = new PeerLink(peer.to, plain, own, undefined, 400);
    links.push(link);
    expect(await link.send(ID_A, 'one')).toEqual({ ok: true });
    await sleep(250);
    const sentAt = Date.now();
    expect(await link.send(ID_B, 'two')).toEqual({ ok: false, error: 'E_NO_ACK' });
    // Timers never fire early: the first deadline (about 150 ms from now) must not end it.
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(390);
  });
});
