import type { KeyPair } from 'hypercore-crypto';
import type { SendOutcome } from './outbox/outgoing';
import type { NetworkView } from './network-view';
import type { FileOffer } from '../wire/file-offer';
import type { RoomFilesPort } from './files/file-transport';

/**
 * What the node asks of the carrier that carries rooms (carriers/swarm/room-swarm.ts), and
 * what that carrier tells it: the node owns these types, the carrier implements them.
 */

/** A room member as a room transport reports it: its key, its name, its word on its address. */
export interface RoomMember {
  key: string;
  name: string;
  address: string | undefined;
}

/** A message from a member: direct (room null), or from its log in a room. */
export interface RoomArrival {
  id: string;
  text: string;
  room: string | null;
  /** When it was written, as shown (node/room-order.ts clamps the author's clock). */
  at?: number;
  /** Written before we joined: shown as earlier. */
  backlog?: boolean;
  /** A file offered with it (issue 23): its text only says so. */
  file?: FileOffer;
}

/** What a room transport (carriers/swarm/room-swarm.ts) tells the node. */
export interface RoomTransportEvents {
  joined(room: string, member: RoomMember): void;
  left(room: string, member: RoomMember): void;
  message(member: RoomMember, message: RoomArrival): void;
  /** A member holds one of our room messages (by the message's id). */
  held(room: string, id: string, key: string): void;
  /** One of our own room messages from an earlier run, in its place in a join's backlog. */
  ownEarlier(room: string, said: { id: string; text: string; at: number }): void;
  /** Something the user should know that ends nothing (no DHT node answered). */
  trouble(text: string): void;
  /** What the DHT learnt of our network, once it knows our NAT (and again if that changes). */
  network(view: NetworkView): void;
  /** A member offered us a file, to us alone, over its room connection (issue 23). */
  memberFile(member: RoomMember, offer: FileOffer): void;
}

export type { NetworkView } from './network-view';

/** The room transport as the node uses it (made at the first join: nothing before that). */
export interface RoomTransport {
  readonly rooms: string[];
  members(room: string): RoomMember[];
  reaches(key: string): boolean;
  join(room: string): boolean;
  part(room: string): Promise<boolean>;
  send(key: string, id: string, text: string, room: string | null): Promise<SendOutcome>;
  /** Appends to our log in `room` (with a file offer); resolves with who should get it. */
  post(room: string, id: string, text: string, file?: FileOffer): Promise<string[]>;
  /**
   * Files offered in the rooms, and to members alone: shared, held, fetched (issue 23).
   * A member's files are at the place `@KEY`, a room's at its name.
   */
  readonly files: RoomFilesPort;
  /** Offers a member a file over its room connection: false when it is not connected. */
  offerFile(key: string, offer: FileOffer): boolean;
  /** The members of `room` we know of, online or not, by key. */
  audience(room: string): string[];
  /** Stops following a member's logs (`/ignore`). */
  ignore(key: string): Promise<void>;
  /** What it knows of the network now (`/net`). */
  network(): NetworkView;
  /** Only the members out of reach: what a room line needs of network(), read per line. */
  unreached(): NetworkView['unreached'];
  destroy(): Promise<void>;
}

/** Makes the transport with this node's key and the TCP address it gives members. */
export type RoomTransportFactory = (
  events: RoomTransportEvents,
  identity: {
    keyPair: KeyPair;
    ownAddress(): string | undefined;
    name(): string;
    /** A member you ignore (`/ignore`): its logs are neither followed nor served. */
    isIgnored(key: string): boolean;
  },
) => RoomTransport;
