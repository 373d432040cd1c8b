import { tcpCarrier } from '../carriers/direct';
import { PeerNode, type NodeOptions } from '../node/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoomTransportFactory } from '../node/rooms';
import { LIMITS } from '../wire/limits';

/** Where rooms look for members: the DHT's bootstrap nodes and the host its node binds. */
export interface DhtOptions {
  /** The bootstrap nodes; hyperdht's public ones when absent or empty. */
  bootstrap?: { host: string; port: number }[];
  host?: string;
  /** Blind relays' keys (`--relay`), for connections hole punching cannot make. */
  relays?: string[];
  /** LAN discovery of members (`--lan-port`): its UDP port; absent or 0, none. */
  lanPort?: number;
}

/** The room logs: where they live (a temporary folder when absent), what a join shows. */
export interface RoomLogOptions {
  storage?: string;
  backlog?: number;
  /** Room connections held at once (`--room-peers`). */
  roomPeers?: number;
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
export function swarmRooms(dht: DhtOptions, logs: RoomLogOptions = {}): RoomTransportFactory {
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
        relays: dht.relays,
        lanPort: dht.lanPort,
        roomPeers: logs.roomPeers,
        logs: {
          storage: logs.storage ?? temporaryFolder(),
          backlog: logs.backlog ?? LIMITS.defaultRoomBacklog,
          isIgnored: identity.isIgnored,
        },
      },
      events,
    );
  };
}

/** Room logs of a run without a data folder: kept for the run, removed at its exit. */
function temporaryFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-rooms-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
