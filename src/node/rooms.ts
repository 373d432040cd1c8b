import type { KeyPair } from 'hypercore-crypto';
import { isKeyAddress, makeKeyAddress, parseAddress, type Address } from '../wire/address';
import { LIMITS } from '../wire/limits';
import type { NodeEvents } from './events';
import type { SendOutcome } from './outbox/outgoing';
import type { Outgoing } from './outbox/outgoing';
import type { PeerSnapshot, PeerTable } from './peers/peer-table';
import type { FileOffer } from '../wire/file-offer';
import { offerText } from '../wire/file-offer';
import type { RoomFilesPort } from './files/file-transport';

import type {
  NetworkView,
  RoomArrival,
  RoomMember,
  RoomTransport,
  RoomTransportFactory,
} from './room-transport';

export type {
  NetworkView,
  RoomArrival,
  RoomMember,
  RoomTransport,
  RoomTransportEvents,
  RoomTransportFactory,
} from './room-transport';

export interface RoomsDeps {
  peers: PeerTable;
  keyPair: KeyPair;
  /** Our TCP address as members should know it, when it is a definite one. */
  ownAddress(): string | undefined;
  /** Our name now (`/nick` changes it): said in each hello. */
  name(): string;
  emit: <K extends keyof NodeEvents & string>(event: K, ...args: NodeEvents[K]) => void;
  /** A member's message, to the one inbox (node/inbox.ts) with the member's address. */
  arrived(from: Address, member: RoomMember, message: RoomArrival): void;
  /** A member came back: what waited for it goes now. */
  release(address: Address): void;
  /** A new message id. */
  newId(): string;
  isIgnored(key: string): boolean;
  /**
   * A file offered in a room's log, or to us alone (room null) over a member's room
   * connection (issue 23); and a room joined (its files resume).
   */
  fileOffered(room: string | null, from: RoomMember, offer: FileOffer, backlog: boolean): void;
  joinedRoom(room: string): void;
}

/** A room message of ours: its text, and the id of each member's copy (their deliveries). */
interface Posted {
  room: string;
  text: string;
  at: number;
  copies: Map<string, string>;
}

/** Own room messages whose deliveries are followed (the newest). */
const POSTED_KEPT = 256;

/**
 * Rooms as the node sees them: members are peers in the one peer table (by their TCP
 * address when its pinned key is theirs, else by their key), room messages are `message`
 * events with `room`, and a message to a room is an entry in our log there, with a
 * delivery per member as each member comes to hold it.
 */
export class Rooms {
  private transport: RoomTransport | undefined;
  /** Rooms we are leaving now (at most LIMITS.maxRooms). */
  private readonly parting = new Set<string>();
  private readonly posted = new Map<string, Posted>();

  constructor(
    private readonly deps: RoomsDeps,
    private readonly factory: RoomTransportFactory | undefined,
  ) {}

  get joined(): string[] {
    return this.transport?.rooms ?? [];
  }

  /** Joins a room; an error text when rooms are off or too many are joined. */
  join(room: string): string | null {
    if (!this.factory) return 'rooms are not available in this build';
    this.transport ??= this.factory(
      {
        joined: this.onJoined,
        left: this.onLeft,
        message: this.onMessage,
        held: this.onHeld,
        ownEarlier: (room, said) =>
          this.deps.emit('room-said', { ...said, room, copies: [], backlog: true }),
        trouble: (text) => this.deps.emit('warning', { code: 'E_ROOM', message: text }),
        network: (view) => this.deps.emit('network', view),
        memberFile: (member, offer) => {
          if (!this.deps.isIgnored(member.key)) this.deps.fileOffered(null, member, offer, false);
        },
      },
      {
        keyPair: this.deps.keyPair,
        ownAddress: this.deps.ownAddress,
        name: this.deps.name,
        isIgnored: this.deps.isIgnored,
      },
    );
    if (this.transport.rooms.includes(room)) return `already in ${room}`;
    if (!this.transport.join(room)) return `at most ${LIMITS.maxRooms} rooms at once`;
    this.deps.joinedRoom(room);
    return null;
  }

  /** Files in rooms, once one was joined. */
  get files(): RoomFilesPort | undefined {
    return this.transport?.files;
  }

  /** Offers a member a file over its room connection: false when it is not connected. */
  offerFile(key: string, offer: FileOffer): boolean {
    return this.transport?.offerFile(key, offer) ?? false;
  }

  /** A file offer in our log in `room`. */
  async postFile(room: string, offer: FileOffer): Promise<void> {
    if (!this.transport?.rooms.includes(room)) throw new Error(`not in ${room}`);
    await this.transport.post(room, this.deps.newId(), offerText(offer), offer);
  }

  async part(room: string): Promise<boolean> {
    // The members stay; it is we who go: their panel rows change without a "left" line each.
    this.parting.add(room);
    try {
      return (await this.transport?.part(room)) ?? false;
    } finally {
      this.parting.delete(room);
    }
  }

  /** Each room with its members, as peers. */
  /**
   * Each room with the members connected to us now, as peers, and how many members we know
   * of in all (connected or not: their logs reach us through the others).
   */
  /** What the room carrier knows of the network; null before the first join. */
  network(): NetworkView | null {
    return this.transport?.network() ?? null;
  }

  /** How many members were found but are out of reach (0 before the first join). */
  unreachedCount(): number {
    return this.transport?.unreached().length ?? 0;
  }

  list(): { room: string; members: PeerSnapshot[]; known: number }[] {
    const transport = this.transport;
    if (!transport) return [];
    return transport.rooms.map((room) => ({
      room,
      members: transport.members(room).map((m) => this.peerOf(m)),
      known: transport.audience(room).length,
    }));
  }

  /**
   * Says TEXT in a room: appended to our log there, which every member gets from us or
   * from whoever holds it. The id of each known member's copy (a `delivery` says when that
   * member holds it), or null if not in the room.
   */
  say(room: string, text: string): string[] | null {
    const transport = this.transport;
    if (!transport?.rooms.includes(room)) return null;
    const id = this.deps.newId();
    const copies = new Map(transport.audience(room).map((key) => [key, this.deps.newId()]));
    const at = Date.now();
    this.posted.set(id, { room, text, at, copies });
    this.deps.emit('room-said', { id, room, text, at, copies: [...copies.values()] });
    for (const old of this.posted.keys()) {
      if (this.posted.size <= POSTED_KEPT) break;
      this.posted.delete(old);
    }
    transport.post(room, id, text).catch((error: Error) => {
      this.deps.emit('warning', { code: 'E_ROOM', message: `${room}: not kept: ${error.message}` });
      for (const [key, copy] of copies) this.delivered(room, copy, key, text, 'failed');
    });
    return [...copies.values()];
  }

  /** Stops following a member's logs: `/ignore`. */
  async ignore(key: string): Promise<void> {
    await this.transport?.ignore(key);
  }

  private readonly onHeld = (room: string, id: string, key: string): void => {
    const posted = this.posted.get(id);
    const copy = posted?.copies.get(key);
    if (posted && copy !== undefined) this.delivered(room, copy, key, posted.text, 'sent');
  };

  private delivered(
    room: string,
    id: string,
    key: string,
    text: string,
    state: 'sent' | 'failed',
  ): void {
    const to = this.addressOf({ key, name: '', address: undefined });
    this.deps.emit('delivery', {
      id,
      to,
      kind: 'chat',
      text,
      createdAt: Date.now(),
      state,
      via: 'room',
      room,
    });
  }

  /** Whether this peer is reached through a room connection now. */
  reaches(to: Address): boolean {
    const key = this.deps.peers.get(to.key)?.key;
    return key !== undefined && key !== null && (this.transport?.reaches(key) ?? false);
  }

  /** One message over the member's room connection; connect and leave need no bytes there. */
  send(item: Outgoing): Promise<SendOutcome> {
    const key = this.deps.peers.get(item.to.key)?.key;
    if (!this.transport || key === undefined || key === null)
      return Promise.resolve({ ok: false, error: 'E_NOT_CONNECTED' });
    if (item.kind !== 'chat') return Promise.resolve({ ok: true });
    return this.transport.send(key, item.id, item.text, item.room ?? null);
  }

  async close(): Promise<void> {
    await this.transport?.destroy();
    this.transport = undefined;
  }

  /**
   * The peer-table entry of a member: its TCP address when the key pinned there is its own
   * (the same person, reached both ways), else its key address.
   */
  private addressOf(member: RoomMember): Address {
    const announced = member.address === undefined ? null : parseAddress(member.address);
    if (announced?.ok && this.deps.peers.get(announced.value.key)?.key === member.key)
      return announced.value;
    const address = makeKeyAddress(member.key);
    if ((this.deps.peers.get(address.key)?.key ?? null) === null)
      this.deps.peers.setTrust(address, { key: member.key, pinnedAt: Date.now() });
    return address;
  }

  private peerOf(member: RoomMember): PeerSnapshot {
    return this.deps.peers.know(this.addressOf(member));
  }

  /** A member present in a room: listed (its messages go through the inbox instead). */
  private heard(member: RoomMember): { address: Address; joined: boolean } {
    const address = this.addressOf(member);
    const { joined } = this.deps.peers.heardFrom(address, member.name, address.ip, false, true);
    return { address, joined };
  }

  /** Records which rooms the member is in with us now, for the panel and JSON. */
  private roomsOf(address: Address, room: string, inIt: boolean): PeerSnapshot {
    const now = this.deps.peers.get(address.key)?.rooms ?? [];
    const rooms = inIt ? [...new Set([...now, room])] : now.filter((r) => r !== room);
    return this.deps.peers.setRooms(address, rooms);
  }

  private readonly onJoined = (room: string, member: RoomMember): void => {
    const { address, joined } = this.heard(member);
    const peer = this.roomsOf(address, room, true);
    if (joined) this.deps.emit('peer-joined', peer);
    // Someone you ignore comes and goes from rooms unsaid, as irssi's /ignore hides joins.
    if (!this.deps.isIgnored(member.key)) this.deps.emit('member-joined', { room, peer });
    this.deps.release(address);
  };

  private readonly onLeft = (room: string, member: RoomMember): void => {
    const address = this.addressOf(member);
    const peer = this.roomsOf(address, room, false);
    const weLeft = this.parting.has(room);
    if (!weLeft && !this.deps.isIgnored(member.key)) this.deps.emit('member-left', { room, peer });
    // Known by its key only: out of every room, it has left us (or we it).
    if (isKeyAddress(address) && peer.rooms.length === 0) {
      const result = this.deps.peers.leave(address, address.ip);
      if (result.outcome === 'left')
        this.deps.emit(weLeft ? 'peer-updated' : 'peer-exited', result.peer);
    } else if (weLeft) this.deps.emit('peer-updated', peer);
  };

  private readonly onMessage = (member: RoomMember, message: RoomArrival): void => {
    if (message.file && message.room !== null) {
      if (this.deps.isIgnored(member.key)) return;
      return this.deps.fileOffered(message.room, member, message.file, message.backlog ?? false);
    }
    this.deps.arrived(this.addressOf(member), member, message);
  };
}
