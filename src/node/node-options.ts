import type { KeyPair } from 'hypercore-crypto';
import type { LinkVersion } from '../wire/link';
import type { DirectCarrierFactory } from './direct-carrier';
import type { RetryPolicy } from './outbox/outbox';
import type { Outgoing } from './outbox/outgoing';
import type { RoomTransportFactory } from './rooms';
import type { FilesOptions } from './files/file-transport';

/** Where queued messages are kept across restarts (the store writes it to disk). */
export interface OutboxJournal {
  queued(item: Outgoing): void;
  settled(id: string, state: 'sent' | 'failed'): void;
}

export interface NodeOptions {
  /** Team name written in every header. */
  name: string;
  /** Listening port; 0 picks a free one (tests). */
  port: number;
  /** Bind address; all interfaces (IPv4 and IPv6) when absent. */
  host?: string;
  /** IP written into headers instead of each connection's local address. */
  advertise?: string;
  /** UDP port on which to answer `Who is online?` (usually 50000); off when absent. */
  discoveryPort?: number;
  /** Backoff and give-up limit for messages to unreachable peers. */
  retry?: RetryPolicy;
  /** Inbound connections held at once (default LIMITS.maxInbound). */
  maxInbound?: number;
  /** Peers kept in the table (default LIMITS.maxPeers). */
  maxPeers?: number;
  /** How long a new connection may take to deliver a complete message (default 10 s). */
  firstMessageMs?: number;
  journal?: OutboxJournal;
  /** This identity's Ed25519 key pair (store/identity.ts); a fresh one when absent (tests). */
  identity?: KeyPair;
  /** The peer-tui link spoken and advertised (default 2, encrypted). */
  linkVersion?: LinkVersion;
  /** The carrier that reaches peers by IP:PORT (carriers/direct.ts, given by main/assemble.ts). */
  direct: DirectCarrierFactory;
  /** Keys you ignore (`/ignore`), as the store kept them. */
  ignored?: string[];
  /** Makes the room transport at the first `/join` (carriers/swarm/room-swarm.ts); no rooms without. */
  rooms?: RoomTransportFactory;
  /** Where received files go, and their caps (issue 23); none received without. */
  files?: FilesOptions;
}
