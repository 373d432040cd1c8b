import type { NetworkView } from './network-view';
import type { Address } from '../wire/address';
import type { ErrorCode } from '../wire/errors';
import type { Dialect } from '../wire/schemas';
import type { PeerSnapshot } from './peers/peer-table';
import type { TransferView } from './files/transfer';

/** A chat message from a peer. */
export interface ChatMessage {
  from: Address;
  name: string;
  text: string;
  dialect: Dialect;
  /** The IP the TCP connection came from; the header's IP may differ. */
  sourceIp: string;
  headerMatchesSource: boolean;
  at: number;
  /** The sender's key (64 hex digits) when it came over its encrypted link. */
  key?: string;
  /** The room it was said in, for a room message. */
  room?: string;
  /** A room message written before we joined (or while we were away): shown as earlier. */
  backlog?: boolean;
  /**
   * true: over an encrypted link whose key matched the pinned one; false: in the clear while
   * the address has a pinned key (anyone could have written it); absent: no key is known.
   */
  verified?: boolean;
}

/** A key was pinned, refused as changed, accepted by `/trust`, or verified by you. */
export interface TrustChange {
  change: 'pinned' | 'changed' | 'accepted' | 'verified';
  peer: PeerSnapshot;
}

export type DeliveryKind = 'chat' | 'connect' | 'leave';

/**
 * What became of one thing we sent: `queued` (unreachable, retrying), then `sent` or
 * `failed`. `via` says which wire form carried (or tried) it.
 */
export interface Delivery {
  id: string;
  to: Address;
  kind: DeliveryKind;
  text: string;
  createdAt: number;
  state: 'queued' | 'sent' | 'failed';
  via: 'std' | 'link' | 'room';
  /** A stable code (`ECONNREFUSED`, `ETIMEDOUT`, …) when it failed. */
  error?: string;
  /** A room message's copy for one member: the room (held by that member when `sent`). */
  room?: string;
}

/** Codes of warnings the node emits; docs/protocol.md lists what each means. */
export type WarningCode =
  | ErrorCode
  | 'E_FORGED_LEAVE'
  | 'E_HEADER_MISMATCH'
  | 'E_SOCKET'
  | 'E_UNKNOWN_PEER_LEAVE'
  | 'E_STORE'
  | 'E_ROOM'
  | 'E_FILE_OFFERS';

export interface Warning {
  code: WarningCode;
  message: string;
  sourceIp?: string;
}

/** Text that matched no wire form: shown as such, adds no peer. */
export interface Unparsed {
  sourceIp: string;
  sourcePort: number;
  text: string;
  code: ErrorCode;
}

/** The one event map of a node. Emitting a name not here does not compile. */
export interface NodeEvents {
  /** The server is accepting connections on `port`. */
  listening: [info: { port: number; host: string }];
  /** A chat message arrived (connect and leave words are not chat). */
  message: [message: ChatMessage];
  /** A peer became listed: it sent us something, or our connect reached it. */
  'peer-joined': [peer: PeerSnapshot];
  /** A listed peer left; exactly once for each `peer-joined`. */
  'peer-exited': [peer: PeerSnapshot];
  /** Something in a peer's record changed (counts, name, last seen). */
  'peer-updated': [peer: PeerSnapshot];
  /** One of our sends changed state: queued (retrying), sent or failed. */
  delivery: [delivery: Delivery];
  unparsed: [unparsed: Unparsed];
  warning: [warning: Warning];
  /** What the rooms' DHT learnt of our network: NAT kind, public address (issue 22). */
  network: [view: NetworkView];
  /**
   * A peer entered the table, in any way (we sent to it, it wrote, our connect, discovery),
   * emitted before the event that made it known. Its address is certain; its name and state
   * may still be filled in by that operation (the live record).
   */
  'peer-added': [peer: Readonly<PeerSnapshot>];
  /** You gave a peer a local name, or took it back (`/alias`). */
  'peer-aliased': [peer: PeerSnapshot];
  /** A peer was forgotten to make room (LIMITS.maxPeers): not a leave. */
  'peer-forgotten': [peer: PeerSnapshot];
  /** A peer-tui joined a room we are in (or we joined one it is in). */
  'member-joined': [change: { room: string; peer: PeerSnapshot }];
  /** A member left a room (it parted, we parted, or it has been gone past the grace time). */
  'member-left': [change: { room: string; peer: PeerSnapshot }];
  /** Trust in a peer's key changed (node/peers/trust.ts). */
  trust: [change: TrustChange];
  /** We said something in a room: kept in our log; `copies` are the members' delivery ids. */
  'room-said': [
    said: {
      id: string;
      room: string;
      text: string;
      at: number;
      copies: string[];
      /** From an earlier run, shown again in a join's backlog. */
      backlog?: boolean;
    },
  ];
  /** The keys you ignore changed (`/ignore`, `/unignore`): the store keeps them. */
  ignored: [keys: string[]];
  /** A file offered to us, or one of ours offered (issue 23): `/accept ID` takes it. */
  'file-offer': [transfer: TransferView];
  /** A transfer moved: at most a few a second per transfer, `bytes` never going back. */
  'file-progress': [transfer: TransferView];
  /** A file received, verified, saved at `path`. */
  'file-done': [transfer: TransferView];
  /** A transfer ended without the file: `error.code` says why. */
  'file-failed': [transfer: TransferView];
  /** A peer answered our UDP `Who is online?`; it is now known. */
  discovered: [peer: PeerSnapshot];
}
