import DHT from 'hyperdht';
import { keyPair } from 'hypercore-crypto';
import type { RoomSwarm } from '../../../src/carriers/swarm/room-swarm';
import { startSeed, type Seed } from '../../../src/carriers/reach/seed';
import { LIMITS } from '../../../src/wire/limits';
import { waitUntil } from '../../helpers/net';
import { startSwarm } from '../../helpers/room-swarm';

// `peer-tui seed`: a DHT of its own and a blind relay, every node on 127.0.0.1.
let seed: Seed | undefined;
const swarms: RoomSwarm[] = [];
const nodes: DHT[] = [];
afterEach(async () => {
  await Promise.all(swarms.splice(0).map((s) => s.destroy()));
  await Promise.all(nodes.splice(0).map((n) => n.destroy()));
  await seed?.close();
  seed = undefined;
});

describe('a seed for a class', () => {
  it('is a DHT two members meet on, with nothing but the seed as bootstrap', async () => {
    seed = await startSeed({ host: '127.0.0.1', port: 0, relayKeyPair: keyPair() });
    expect(seed.nodes).toBe(LIMITS.seedDhtNodes);
    const joined: string[] = [];
    for (const name of ['amy', 'bob']) {
      const { swarm } = startSwarm([seed.bootstrap], name, {
        joined: (room, member) => joined.push(`${name} met ${member.name} in ${room}`),
      });
      swarms.push(swarm);
      swarm.join('#class');
    }
    await waitUntil(() => joined.length === 2, 60_000, 'amy and bob meet');
    expect(joined.sort()).toEqual(['amy met bob in #class', 'bob met amy in #class']);
  }, 90_000);

  it('relays, blind, between two members that ask it to', async () => {
    const relayKeyPair = keyPair();
    seed = await startSeed({ host: '127.0.0.1', port: 0, relayKeyPair });
    expect(seed.relayKey).toBe(relayKeyPair.publicKey.toString('hex'));
    const [a, b] = [0, 1].map(() => {
      const node = new DHT({ bootstrap: [seed!.bootstrap], host: '127.0.0.1' });
      nodes.push(node);
      return node;
    });
    const serverPair = keyPair();
    const received: string[] = [];
    const server = b!.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.on('data', (data: Buffer) => received.push(data.toString()));
    });
    await server.listen(serverPair);
    const socket = a!.connect(serverPair.publicKey, { relayThrough: relayKeyPair.publicKey });
    socket.on('error', () => undefined);
    socket.write(Buffer.from('through the relay'));
    await waitUntil(() => received.length > 0, 30_000, 'the line arrives');
    expect(received.join('')).toBe('through the relay');
    await waitUntil(() => seed!.relayStats().pairings.matched >= 1, 30_000, 'a pairing matched');
    socket.destroy();
    await server.close();
  }, 90_000);
});
