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
