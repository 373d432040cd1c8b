import { EventEmitter } from 'node:events';
import { createSocket } from 'node:dgram';
import { LanRooms } from '../../../src/carriers/swarm/lan-rooms';
import { LIMITS } from '../../../src/wire/limits';
import * as beacons from '../../../src/wire/room-beacon';
import type { RoomSwarm } from '../../../src/carriers/swarm/room-swarm';
import { startSwarm } from '../../helpers/room-swarm';
import { freeUdpPort, waitUntil } from '../../helpers/net';
import { freePort } from '../../helpers/cli';

// No DHT answers here (the bootstrap is a closed port on 127.0.0.1): members meet only by
// the LAN beacons, multicast on loopback to a UDP port of this test's own.
const swarms: RoomSwarm[] = [];
afterEach(async () => {
  await Promise.all(swarms.splice(0).map((s) => s.destroy()));
});

async function member(name: string, lanPort: number, texts: string[]) {
  const nobody = [{ host: '127.0.0.1', port: await freePort() }];
  const events = { message: (_: unknown, m: { text: string }) => texts.push(m.text) };
  const started = startSwarm(nobody, name, events, { lanPort });
  swarms.push(started.swarm);
  return started;
}

describe('rooms on a LAN with no DHT', () => {
  it('members of a room meet by their beacons and talk; a member of another room is left alone', async () => {
    const lanPort = await freeUdpPort();
    const heard: string[] = [];
    const amy = await member('amy', lanPort, []);
    const bob = await member('bob', lanPort, heard);
    const cat = await member('cat', lanPort, []);
    amy.swarm.join('#lab');
    bob.swarm.join('#lab');
    cat.swarm.join('#other');
    await waitUntil(() => amy.swarm.reaches(bob.key), 15_000, 'amy and bob meet');
    await amy.swarm.send(bob.key, '0000000000000001', 'over the LAN', '#lab');
    await waitUntil(() => heard.includes('over the LAN'), 10_000, 'the line at bob');
    expect(amy.swarm.network().connections).toEqual([
      expect.objectContaining({ key: bob.key, way: 'lan' }),
    ]);
    // cat heard every beacon, but proves no room of theirs: nobody connects to it.
    expect(cat.swarm.network().connections).toEqual([]);
    expect(amy.swarm.reaches(cat.key) || bob.swarm.reaches(cat.key)).toBe(false);
  }, 30_000);

  it('a member joining later is met too (the others answer its beacon)', async () => {
    const lanPort = await freeUdpPort();
    const amy = await member('amy', lanPort, []);
    amy.swarm.join('#lab');
    const bob = await member('bob', lanPort, []);
    // amy's beacons of her join (now, at 1 s and 3 s) are past: bob is met by an answer.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    bob.swarm.join('#lab');
    await waitUntil(() => bob.swarm.reaches(amy.key), 8_000, 'the late one meets');
  }, 25_000);
});

describe('dialling from beacons', () => {
  it('dials at most LIMITS.lanDialsPerMinute members a minute, whatever beacons say', async () => {
    const port = await freeUdpPort();
    let dials = 0;
    const dht = {
      bind: async () => undefined,
      address: () => ({ host: '127.0.0.1', port: 5000 }),
      connect: () => {
        dials += 1;
        return new EventEmitter();
      },
    };
    const ours = { publicKey: Buffer.alloc(32, 0xff), secretKey: Buffer.alloc(64) };
    const lan = new LanRooms({
      port,
      host: '127.0.0.1',
      keyPair: ours,
      dht: dht as never,
      rooms: () => ['#lab'],
      wants: () => true,
      adopt: () => undefined,
      trouble: () => undefined,
    });
    const sender = createSocket('udp4');
    sender.on('error', () => undefined);
    try {
      const secret = beacons.beaconSecret('#lab');
      const many = LIMITS.lanDialsPerMinute + 40;
      await new Promise((resolve) => setTimeout(resolve, 100)); // its socket bound
      for (let i = 0; i < many; i += 1) {
        // Lower keys than ours: each one would be ours to dial.
        const key = i.toString(16).padStart(64, '0');
        const nonce = 'cd'.repeat(16);
        const proofs = [beacons.beaconProof(secret, key, 4000, nonce)];
        sender.send(beacons.formatBeacon({ key, dhtPort: 4000, nonce, proofs }), port, '127.0.0.1');
      }
      await waitUntil(() => dials >= LIMITS.lanDialsPerMinute, 5000, 'the first dials');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(dials).toBe(LIMITS.lanDialsPerMinute);
    } finally {
      sender.close();
      lan.close();
    }
  });
});
