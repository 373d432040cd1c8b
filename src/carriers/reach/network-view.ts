import type SecretStream from '@hyperswarm/secret-stream';
import type { NetworkView } from '../../node/room-transport';

/** The parts of hyperdht's node (dht-rpc) read for `/net`. */
export interface DhtState {
  bootstrapped: boolean;
  firewalled: boolean;
  randomized: boolean;
  host: string | null;
  port: number;
  toArray(): unknown[];
}

/** What our DHT node and room connections say of the network, for `/net`. */
export function networkView(
  dht: DhtState,
  relays: number,
  connections: Iterable<{ remoteKey: string; stream: SecretStream }>,
  unreached: { key: string; code: string }[] = [],
): NetworkView {
  const known = dht.host !== null;
  const nat = !dht.firewalled
    ? 'open'
    : !known
      ? 'unknown'
      : dht.randomized
        ? 'random'
        : 'consistent';
  return {
    bootstrapped: dht.bootstrapped,
    nodes: dht.toArray().length,
    nat,
    publicAddress: known && dht.port > 0 ? `${dht.host}:${dht.port}` : known ? dht.host : null,
    relays,
    unreached,
    connections: [...connections].map(({ remoteKey: key, stream }) => {
      const raw = (
        stream as unknown as { rawStream?: { remoteHost?: string; remotePort?: number } }
      ).rawStream;
      const remote =
        raw?.remoteHost !== undefined ? `${raw.remoteHost}:${raw.remotePort ?? 0}` : null;
      return { key, remote };
    }),
  };
}
