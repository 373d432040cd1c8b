import type { RoomSwarm } from '../../../src/carriers/swarm/room-swarm';
import { startSwarm, useSwarmNet } from '../../helpers/room-swarm';
import { waitUntil } from '../../helpers/net';
import { freePort } from '../../helpers/cli';

// Every DHT node on 127.0.0.1, ours too: nothing leaves loopback.
const net = useSwarmNet();
const { swarms } = net;

interface Seen {
  joined: string[];
  left: string[];
  messages: string[];
  trouble: string[];
}

function start(name: string, graceMs = 300): { swarm: RoomSwarm; seen: Seen; key: string } {
  const seen: Seen = { joined: [], left: [], messages: [], trouble: [] };
  const started = startSwarm(
    net.bootstrap(),
    name,
    {
      joined: (room, m) => seen.joined.push(`${room} ${m.name}`),
      left: (room, m) => seen.left.push(`${room} ${m.name}`),
      message: (m, msg) => seen.messages.push(`${msg.room ?? 'direct'} ${m.name} ${msg.text}`),
      trouble: (text) => seen.trouble.push(text),
    },
    { graceMs },
  );
  swarms.push(started.swarm);
  return { ...started, seen };
}

describe('rooms on a local DHT', () => {
  it('members of a room find each other, and a message reaches each other member once', async () => {
    const peers = ['amy', 'bob', 'cat'].map((name) => start(name));
    for (const p of peers) p.swarm.join('#cs216');
    for (const p of peers)
      await waitUntil(() => p.swarm.members('#cs216').length === 2, 20_000, 'the other two');
    const [amy, bob, cat] = peers as [(typeof peers)[0], (typeof peers)[0], (typeof peers)[0]];
    let n = 0;
    for (const from of peers)
      for (const to of peers)
        if (from !== to)
          await from.swarm.send(
            to.key,
            `00000000000000${(n++).toString(16).padStart(2, '0')}`,
            `hi from ${from === amy ? 'amy' : from === bob ? 'bob' : 'cat'}`,
            '#cs216',
          );
    await waitUntil(() => peers.every((p) => p.seen.messages.length === 2), 10_000, 'messages');
    expect(amy.seen.messages.sort()).toEqual(['#cs216 bob hi from bob', '#cs216 cat hi from cat']);
    expect(cat.seen.messages.sort()).toEqual(['#cs216 amy hi from amy', '#cs216 bob hi from bob']);
    // One parts: the others show it left that room.
    await bob.swarm.part('#cs216');
    await waitUntil(() => amy.seen.left.includes('#cs216 bob'), 10_000, 'bob left at amy');
    await waitUntil(() => cat.seen.left.includes('#cs216 bob'), 10_000, 'bob left at cat');
  }, 60_000);

  it('says nothing of a room the other is not in: only shared rooms match', async () => {
    const amy = start('amy');
    const bob = start('bob');
    amy.swarm.join('#a');
    amy.swarm.join('#secret');
    bob.swarm.join('#a');
    bob.swarm.join('#b');
    await waitUntil(() => amy.swarm.members('#a').length === 1, 20_000, 'a shared room');
    await waitUntil(() => bob.seen.joined.length === 1, 5_000, 'bob sees amy');
    expect(amy.seen.joined).toEqual(['#a bob']);
    expect(bob.seen.joined).toEqual(['#a amy']);
    expect(bob.swarm.members('#b')).toEqual([]);
  }, 60_000);

  it('a member whose connection closes for good is shown left after the grace time', async () => {
    const amy = start('amy');
    const bob = start('bob');
    amy.swarm.join('#r');
    bob.swarm.join('#r');
    await waitUntil(() => amy.swarm.members('#r').length === 1, 20_000, 'bob at amy');
    await bob.swarm.destroy();
    await waitUntil(() => amy.seen.left.includes('#r bob'), 10_000, 'bob gone');
    expect(amy.swarm.reaches(bob.key)).toBe(false);
  }, 60_000);
});

describe('with no DHT node answering', () => {
  it('says so once, and nothing fails: the swarm keeps trying quietly', async () => {
    const seen: string[] = [];
    const nobody = [{ host: '127.0.0.1', port: await freePort() }]; // nobody there
    const { swarm } = startSwarm(nobody, 'alone', { trouble: (text) => seen.push(text) });
    swarms.push(swarm);
    expect(swarm.join('#offline')).toBe(true);
    await waitUntil(() => seen.length > 0, 40_000, 'the note');
    expect(seen).toEqual(['no DHT node answered: offline? check --dht-bootstrap']);
  }, 60_000);
});
