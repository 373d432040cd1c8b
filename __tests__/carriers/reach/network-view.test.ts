import type { NetworkView } from '../../../src/node/room-transport';
import type SecretStream from '@hyperswarm/secret-stream';
import { networkView, type DhtState } from '../../../src/carriers/reach/network-view';
import { waitUntil } from '../../helpers/net';
import { startSwarm, useSwarmNet } from '../../helpers/room-swarm';

const dht = (state: Partial<DhtState>): DhtState => ({
  bootstrapped: true,
  firewalled: true,
  randomized: false,
  host: null,
  port: 0,
  toArray: () => [1, 2, 3],
  io: { serverSocket: 'server', clientSocket: 'client' },
  ...state,
});
const noWays = { relayAt: () => undefined, subnets: [] };
const view = (
  state: DhtState,
  relays: number,
  connections: Parameters<typeof networkView>[2] = [],
) => networkView(state, { given: relays, lent: 0, lending: false }, connections, [], noWays);

describe("what /net says of the DHT's view", () => {
  it('names the NAT kind from what the DHT learnt', () => {
    expect(view(dht({ firewalled: false, host: '198.51.100.7', port: 4000 }), 0)).toMatchObject({
      nat: 'open',
      publicAddress: '198.51.100.7:4000',
      nodes: 3,
    });
    expect(view(dht({}), 0).nat).toBe('unknown');
    expect(view(dht({ host: '198.51.100.7', port: 4000 }), 0).nat).toBe('consistent');
    expect(view(dht({ host: '198.51.100.7', port: 0, randomized: true }), 1)).toMatchObject({
      nat: 'random',
      publicAddress: '198.51.100.7',
      relays: 1,
    });
  });

  it('is not joined to a DHT whose walk ended with no node answering', () => {
    expect(view(dht({ toArray: () => [] }), 0)).toMatchObject({ bootstrapped: false, nodes: 0 });
    // A LAN member's node told us our address; with no DHT node that says nothing of a NAT.
    const lanOnly = dht({ toArray: () => [], host: '10.9.0.2', port: 4000 });
    expect(view(lanOnly, 0)).toMatchObject({ nat: 'unknown', publicAddress: null });
    expect(view(dht({}), 0).bootstrapped).toBe(true);
  });

  it("gives each connection's remote address and way, or says they are not known", () => {
    const stream = {
      rawStream: { remoteHost: '198.51.100.9', remotePort: 5000, socket: 'pooled', rtt: 12 },
    } as unknown as SecretStream;
    const bare = {} as SecretStream;
    expect(
      view(dht({}), 0, [
        { remoteKey: 'ab', stream },
        { remoteKey: 'cd', stream: bare },
      ]).connections,
    ).toEqual([
      { key: 'ab', remote: '198.51.100.9:5000', way: 'hole-punched', via: null, rttMs: 12 },
      { key: 'cd', remote: null, way: null, via: null, rttMs: null },
    ]);
  });
});

describe('a room swarm on a local DHT', () => {
  const local = useSwarmNet();
  const { swarms } = local;

  it('knows its DHT, its relays and the address of each room connection', async () => {
    const relay = 'ee'.repeat(32);
    const told: NetworkView[] = [];
    const a = startSwarm(
      local.bootstrap(),
      'a',
      { network: (view) => told.push(view) },
      { relays: [relay] },
    );
    const b = startSwarm(local.bootstrap(), 'b');
    swarms.push(a.swarm, b.swarm);
    a.swarm.join('#net');
    b.swarm.join('#net');
    await waitUntil(() => a.swarm.network().connections.length === 1, 60_000, 'a meets b');
    const net = a.swarm.network();
    expect(net.relays).toBe(1);
    expect(net.nodes).toBeGreaterThan(0);
    expect(net.connections[0]?.key).toBe(b.key);
    expect(net.connections[0]?.remote).toMatch(/^127\.0\.0\.1:\d+$/);
    // Loopback is on one of our own subnets: the same LAN.
    expect(net.connections[0]?.way).toBe('lan');
    await waitUntil(() => a.swarm.network().bootstrapped, 30_000, 'bootstrapped');
    // Told once, unasked, what the DHT learnt: the NAT kind and the address.
    await waitUntil(() => told.length > 0, 30_000, 'the network said');
    expect(told).toHaveLength(1);
    expect(told[0]?.nat).not.toBe('unknown');
  }, 90_000);
});
