import { keyPair } from 'hypercore-crypto';
import type { RoomSwarm } from '../../../src/carriers/swarm/room-swarm';
import { startSeed, type Seed } from '../../../src/carriers/reach/seed';
import { startSwarm } from '../../helpers/room-swarm';
import { waitUntil } from '../../helpers/net';
import { freePort } from '../../helpers/cli';

// A DHT that is not there at the start (a classroom's seed started late, the internet
// back): the member joins it when it comes. Every node on 127.0.0.1.
let seed: Seed | undefined;
const swarms: RoomSwarm[] = [];
afterEach(async () => {
  await Promise.all(swarms.splice(0).map((s) => s.destroy()));
  await seed?.close();
  seed = undefined;
});

it('a member started with no DHT answering joins it once it answers, and meets who is there', async () => {
  const port = await freePort();
  const troubles: string[] = [];
  const early = startSwarm([{ host: '127.0.0.1', port }], 'early', {
    trouble: (text) => troubles.push(text),
  });
  swarms.push(early.swarm);
  early.swarm.join('#later');
  await waitUntil(() => troubles.some((t) => t.includes('no DHT node answered')), 30_000, 'told');
  seed = await startSeed({ host: '127.0.0.1', port, relayKeyPair: keyPair() });
  const late = startSwarm([seed.bootstrap], 'late');
  swarms.push(late.swarm);
  late.swarm.join('#later');
  // Its next look (every 30 s while no DHT node has answered) finds the DHT and the other.
  await waitUntil(() => early.swarm.reaches(late.key), 60_000, 'they meet');
  expect(early.swarm.network().bootstrapped).toBe(true);
}, 120_000);
