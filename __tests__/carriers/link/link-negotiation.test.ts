import { createServer, type Server } from 'node:net';
import { keyPair } from 'hypercore-crypto';
import { dial } from '../../../src/carriers/tcp/dial';
import { LinkNegotiation } from '../../../src/carriers/link/link-negotiation';
import { PeerTable } from '../../../src/node/peers/peer-table';
import { Trust } from '../../../src/node/peers/trust';
import { makeAddress } from '../../../src/wire/address';

const at = makeAddress('127.0.0.1', 9400);

function negotiation(version: 1 | 2 = 2): { negotiation: LinkNegotiation; peers: PeerTable } {
  const peers = new PeerTable();
  const pair = keyPair();
  const trust = new Trust(
    peers,
    pair.publicKey.toString('hex'),
    () => {},
    () => {},
  );
  return { negotiation: new LinkNegotiation({ version, keyPair: pair, trust }), peers };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('LinkNegotiation', () => {
  it('takes a capability of its own version, at the port it dialled, only', () => {
    const v2 = negotiation(2).negotiation;
    expect(v2.capabilityIn(at, '127.0.0.1:9400 bob ack peer-tui/2')).toBe('bob');
    expect(v2.capabilityIn(at, '127.0.0.1:9400 bob connected peer-tui/2')).toBe('bob');
    expect(v2.capabilityIn(at, '127.0.0.1:9400 bob ack peer-tui/1')).toBeNull();
    expect(v2.capabilityIn(at, '127.0.0.1:9401 bob ack peer-tui/2')).toBeNull();
    expect(negotiation(1).negotiation.capabilityIn(at, '127.0.0.1:9400 b ack peer-tui/1')).toBe(
      'b',
    );
  });

  it('falls back to the assignment form after two hang-ups in a row, never for a pinned peer', () => {
    const { negotiation: n, peers } = negotiation();
    const reach = { strikes: 0 };
    expect(n.afterLinkAttempt(at, 'ECONNRESET', reach)).toBe('keep-link');
    expect(n.afterLinkAttempt(at, undefined, reach)).toBe('keep-link'); // a success clears it
    expect(n.afterLinkAttempt(at, 'ECONNRESET', reach)).toBe('keep-link');
    expect(n.afterLinkAttempt(at, 'E_LINK_HANDSHAKE', reach)).toBe('write-plain');
    expect(n.afterLinkAttempt(at, 'ECONNREFUSED', reach)).toBe('keep-link'); // down, not replaced
    expect(n.afterLinkAttempt(at, 'ECONNREFUSED', reach)).toBe('keep-link');
    peers.setTrust(at, { key: 'ab'.repeat(32) });
    for (let i = 0; i < 4; i++)
      expect(n.afterLinkAttempt(at, 'ECONNRESET', reach)).toBe('keep-link');
    expect(n.mayWritePlain(at)).toBe(false);
  });

  it('fails with E_LINK_HANDSHAKE when the hello is answered with something else', async () => {
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => socket.write('127.0.0.1:9 who? what is this\n'));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const target = makeAddress('127.0.0.1', port);
    const socket = await dial(target);
    socket.on('error', () => {});
    await expect(
      negotiation().negotiation.open(socket, target, '127.0.0.1:1', {
        data: () => {},
        closed: () => {},
      }),
    ).rejects.toMatchObject({ code: 'E_LINK_HANDSHAKE' });
    expect(socket.destroyed).toBe(true);
  });
});
