import type { Socket } from 'node:net';
import type { KeyPair } from 'hypercore-crypto';
import type { Address } from '../wire/address';
import type { ProtocolError } from '../wire/errors';
import type { LinkVersion } from '../wire/link';
import type { SessionMessage } from '../wire/session';
import type { Warning } from './events';
import type { InboundSource } from './inbox';
import type { DirectCarriers, LinkPolicy } from './outbox/carriers';
import type { Trust } from './peers/trust';
import type { DirectFileOffered, DirectFilesPort } from './files/file-transport';

/**
 * What the node gives the carrier that reaches peers directly (carriers/direct.ts): who we
 * are, where arrivals go. The node owns these interfaces and is given a factory (main/
 * assemble.ts), so nothing in node/ knows a socket's owner.
 */
export interface DirectCarrierHost {
  keyPair: KeyPair;
  trust: Trust;
  linkVersion: LinkVersion;
  /** Bind address; every interface when absent. */
  host?: string;
  /** IP written into headers instead of each connection's local address. */
  advertise?: string;
  maxInbound?: number;
  firstMessageMs?: number;
  /** Our team name now (`/nick` changes it). */
  name(): string;
  /** The port we listen on (0 before `listen`). */
  port(): number;
  /** Whether to tell this sender our capability now (not on every message). */
  advertiseTo(fromKey: string): boolean;
  arrived(message: SessionMessage, source: InboundSource): void;
  /** A connection was dropped for what its peer sent. */
  rejected(error: ProtocolError, source: InboundSource): void;
  /** A peer-tui offered us a file over a files connection (issue 23). */
  fileOffered: DirectFileOffered;
  warn(warning: Warning): void;
}

export interface Discovered {
  address: Address;
  name: string;
}

/** Everything that reaches a peer over its IP:PORT: listening, sending, UDP discovery. */
export interface DirectCarrier {
  /** The link's rules as the router needs them. */
  readonly policy: LinkPolicy;
  /** The ways the router sends with. */
  readonly carriers: DirectCarriers;
  /** Inbound connections held at once (below the open-files limit). */
  readonly inboundLimit: number;
  /** Files between two peer-tui, over files connections (issue 23). */
  readonly files: DirectFilesPort;
  /** Binds; rejects with the listen error (`EADDRINUSE`, `EACCES`, …). */
  listen(port: number, host?: string): Promise<{ port: number; host: string }>;
  /** `IP:PORT` of this node as the peer at the far end of `socket` sees it. */
  ownAddressKey(socket: Socket): string;
  /** Whether `address` is this node's own listening address. */
  isOwnAddress(address: Address): boolean;
  /** The address to send to `target` from, when bound to one. */
  sourceFor(target: Address): string | undefined;
  /** Our address when it is definite (bound to or advertised), else undefined. */
  definiteIp(): string | undefined;
  /** Asks `ip` over UDP who is online. */
  discover(ip: string, udpPort: number, waitMs: number): Promise<Discovered[]>;
  /** Answers `Who is online?` on `udpPort`; the bound port, or why not. */
  answerDiscovery(udpPort: number): Promise<{ port: number } | { error: string }>;
  close(): Promise<void>;
}

export type DirectCarrierFactory = (host: DirectCarrierHost) => DirectCarrier;
