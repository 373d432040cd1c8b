import type { RoomSwarm } from '../../../src/carriers/swarm/room-swarm';
import { startSwarm, useSwarmNet } from '../../helpers/room-swarm';
import { waitUntil } from '../../helpers/net';

// Not a full mesh: with a cap of 3 room connections in a room of 10, every message still
// reaches every member, through the logs the others hold.

// Every DHT node on 127.0.0.1, ours too: nothing leaves loopback.
const net = useSwarmNet();
const { swarms } = net;

function member(name: string): { swarm: RoomSwarm; key: string; lines: Set<string> } {
  const lines = new Set<string>();
  const started = startSwarm(
    net.bootstrap(),
    name,
    {
      message: (from, message) => {
        if (message.room === '#ten') lines.add(`${from.name}: ${message.text}`);
      },
    },
    { roomPeers: 3 },
  );
  swarms.push(started.swarm);
  return { ...started, lines };
}

it('10 members, at most 3 room connections each: one line from each reaches all 9 others', async () => {
  const members = Array.from({ length: 10 }, (_, i) => member(`m${i}`));
  for (const m of members) m.swarm.join('#ten');
  // Each says its line once it has met someone: the logs carry it to the rest.
  for (const m of members)
    await waitUntil(() => m.swarm.members('#ten').length > 0, 60_000, 'a first member');
  await Promise.all(
    members.map((m, i) =>
      m.swarm.post('#ten', (i + 1).toString(16).padStart(16, '0'), `from m${i}`),
    ),
  );
  for (const [i, m] of members.entries())
    await waitUntil(() => m.lines.size === 9, 90_000, `m${i} has all nine (${m.lines.size})`);
  for (const m of members) {
    const connected = members.filter((other) => other !== m && m.swarm.reaches(other.key));
    expect(connected.length).toBeLessThanOrEqual(3);
  }
}, 180_000);
