import createTestnet from 'hyperdht/testnet';
import { RoomRelays } from '../../../src/carriers/swarm/room-relays';
import { LIMITS } from '../../../src/wire/limits';
import { waitUntil } from '../../helpers/net';
import { startSwarm, useSwarmNet } from '../../helpers/room-swarm';

describe('the relay a member lends its rooms', () => {
  let testnet: Awaited<ReturnType<typeof createTestnet>> | undefined;
  let relays: RoomRelays | undefined;
  afterEach(async () => {
    await relays?.close();
    relays = undefined;
    await testnet?.destroy();
    testnet = undefined;
  });

  it('starts only once our NAT lets others reach us, then says so once', async () => {
    testnet = await createTestnet(3, { host: '127.0.0.1' });
    let reachable = false;
    let started = 0;
    relays = new RoomRelays(
      testnet.nodes[0]!,
      () => reachable,
      () => (started += 1),
      () => undefined,
      100,
    );
    await new Promise((resolve) => setTimeout(resolve, 600)); // looks, unreachable
    expect(relays.ownKey).toBeUndefined();
    reachable = true;
    await waitUntil(() => started === 1, 15_000, 'the relay starts');
    expect(relays.ownKey).toMatch(/^[0-9a-f]{64}$/);
    await new Promise((resolve) => setTimeout(resolve, 600)); // more looks: started once
    expect(started).toBe(1);
  }, 30_000);

  it("keeps the relays members lend, one per member, forgets a gone one's, and is capped", () => {
    const testnetless = { createServer: () => undefined } as never;
    relays = new RoomRelays(
      testnetless,
      () => false,
      () => undefined,
      () => undefined,
    );
    relays.heard('m1', 'aa'.repeat(32));
    relays.heard('m2', 'aa'.repeat(32));
    relays.heard('m3', 'bb'.repeat(32));
    expect(relays.lent()).toEqual(['aa'.repeat(32), 'bb'.repeat(32)]);
    relays.heard('m3', undefined);
    relays.gone('m1');
    expect(relays.lent()).toEqual(['aa'.repeat(32)]);
    for (let i = 0; i < LIMITS.maxRoomPeers + 10; i += 1) relays.heard(`x${i}`, 'cc'.repeat(32));
    relays.heard('late', 'dd'.repeat(32));
    expect(relays.lent()).not.toContain('dd'.repeat(32));
  });
});

describe('room members on a local DHT', () => {
  const net = useSwarmNet();

  it("hear in each other's hello the relay each lends, and count it in /net", async () => {
    const a = startSwarm(net.bootstrap(), 'a');
    const b = startSwarm(net.bootstrap(), 'b');
    net.swarms.push(a.swarm, b.swarm);
    a.swarm.join('#relay');
    b.swarm.join('#relay');
    // On loopback every node reaches every other: both are open, so both lend.
    await waitUntil(() => a.swarm.network().lending, 30_000, 'a lends its relay');
    await waitUntil(() => b.swarm.network().lentRelays === 1, 30_000, "b hears of a's relay");
  }, 60_000);
});
