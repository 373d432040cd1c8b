import type SecretStream from '@hyperswarm/secret-stream';
import type { NetworkView } from '../../node/room-transport';
import { connectionWay, type RawFacts, type WayContext } from './connection-way';

/** The parts of hyperdht's node (dht-rpc) read for `/net`. */
export interface DhtState {
  bootstrapped: boolean;
  firewalled: boolean;
  randomized: boolean;
  host: string | null;
  port: number;
  toArray(): unknown[];
  io: { serverSocket: unknown; clientSocket: unknown };
}

/** What our DHT node and room connections say of the network, for `/net`. */
export function networkView(
  dht: DhtState,
  relays: number,
  connections: Iterable<{ remoteKey: string; stream: SecretStream }>,
  unreached: { key: string; code: string }[],
  ways: Omit<WayContext, 'mainSockets' | 'open'>,
): NetworkView {
  const mainSockets = [dht.io.serverSocket, dht.io.clientSocket];
  const context = { ...ways, mainSockets, open: !dht.firewalled };
  const nodes = dht.toArray().length;
  // One LAN member's node answering tells our address, not our NAT: that takes DHT nodes.
  const known = dht.host !== null && nodes > 0;
  const nat = !dht.firewalled
    ? 'open'
    : !known
      ? 'unknown'
      : dht.randomized
        ? 'random'
        : 'consistent';
  return {
    // hyperdht says bootstrapped once its first walk ended, even one nobody answered.
    bootstrapped: dht.bootstrapped && nodes > 0,
    nodes,
    nat,
    publicAddress: known && dht.port > 0 ? `${dht.host}:${dht.port}` : known ? dht.host : null,
    relays,
    unreached,
    connections: [...connections].map(({ remoteKey: key, stream }) => {
      const raw = (stream as unknown as { rawStream?: RawFacts | null }).rawStream ?? undefined;
      return { key, ...connectionWay(raw, context) };
    }),
  };
}
