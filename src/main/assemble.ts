import { tcpCarrier } from '../carriers/direct';
import { PeerNode, type NodeOptions } from '../node/node';
import type { RoomTransportFactory } from '../node/rooms';

/** Where rooms look for members: the DHT's bootstrap nodes and the host its node binds. */
export interface DhtOptions {
  /** The bootstrap nodes; hyperdht's public ones when absent or empty. */
  bootstrap?: { host: string; port: number }[];
  host?: string;
}

export type AssembleOptions = Omit<NodeOptions, 'direct'> & Partial<Pick<NodeOptions, 'direct'>>;

/**
 * A node and the carriers it runs on: TCP (and the peer-tui link over it) for peers by
 * IP:PORT, Hyperswarm for rooms when `rooms` is given. A new carrier is a folder under
 * carriers/ and a line here.
 */
export function assembleNode(options: AssembleOptions): PeerNode {
  return new PeerNode({ direct: tcpCarrier, ...options });
}

/**
 * The room carrier, made at the first join: Hyperswarm is loaded then, not at start-up,
 * and no DHT node exists (nothing is contacted) until a room is joined.
 */
export function swarmRooms(dht: DhtOptions): RoomTransportFactory {
  return (events, identity) => {
    const { RoomSwarm } =
      require('../carriers/swarm/room-swarm') as typeof import('../carriers/swarm/room-swarm');
    return new RoomSwarm(
      {
        keyPair: identity.keyPair,
        get name() {
          return identity.name();
        },
        ownAddress: identity.ownAddress,
        bootstrap:
          dht.bootstrap !== undefined && dht.bootstrap.length > 0 ? dht.bootstrap : undefined,
        host: dht.host,
      },
      events,
    );
  };
}
