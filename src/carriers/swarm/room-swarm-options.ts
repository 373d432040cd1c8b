import type { KeyPair } from 'hypercore-crypto';

/** How a RoomSwarm is made (main/assemble.ts gives these from flags and config). */
export interface RoomSwarmOptions {
  keyPair: KeyPair;
  name: string;
  /** Our TCP address as we would give it (the same person reached by IP:PORT). */
  ownAddress(): string | undefined;
  /** A private DHT (`--dht-bootstrap`); Hyperswarm's public bootstrap nodes when absent. */
  bootstrap?: { host: string; port: number }[];
  /** The address our DHT node binds (`--dht-host`; tests: 127.0.0.1). */
  host?: string;
  /** Blind relays' keys (`--relay`): used when hole punching fails (relay-choice.ts). */
  relays?: string[];
  /** How long a dropped member may take to come back before it is shown left. */
  graceMs?: number;
  /** The UDP port of LAN discovery for rooms (`--lan-port`); absent or 0: none. */
  lanPort?: number;
  /** Room connections held at once (`--room-peers`); LIMITS.defaultRoomPeers when absent. */
  roomPeers?: number;
  /** Where the room logs live, and how many earlier messages a join shows. */
  logs: { storage: string; backlog: number; isIgnored(key: string): boolean };
}
