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

/** Our NAT as the DHT has seen it (one LAN member's answer tells nothing of it). */
export function natKind(dht: DhtState): NetworkView['nat'] {
  const known = dht.host !== null && dht.toArray().length > 0;
  if (!dht.firewalled) return 'open';
  if (!known) return 'unknown';
  return dht.randomized ? 'random' : 'consistent';
}

/** What our DHT node and room connections say of the network, for `/net`. */
export function networkView(
  dht: DhtState,
  relays: { given: number; lent: number; lending: boolean },
  connections: Iterable<{ remoteKey: string; stream: SecretStream }>,
  unreached: { key: string; code: string }[],
  ways: Omit<WayContext, 'mainSockets' | 'open'>,
): NetworkView {
  const mainSockets = [dht.io.serverSocket, dht.io.clientSocket];
  const context = { ...ways, mainSockets, open: !dht.firewalled };
  const nodes = dht.toArray().length;
  const nat = natKind(dht);
  const known = nat !== 'unknown' && dht.host !== null;
  return {
    // hyperdht says bootstrapped once its first walk ended, even one nobody answered.
    bootstrapped: dht.bootstrapped && nodes > 0,
    nodes,
    nat,
    publicAddress: known && dht.port > 0 ? `${dht.host}:${dht.port}` : known ? dht.host : null,
    relays: relays.given,
    lentRelays: relays.lent,
    lending: relays.lending,
    unreached,
    connections: [...connections].map(({ remoteKey: key, stream }) => {
      const raw = (stream as unknown as { rawStream?: RawFacts | null }).rawStream ?? undefined;
      return { key, ...connectionWay(raw, context) };
    }),
  };
}
