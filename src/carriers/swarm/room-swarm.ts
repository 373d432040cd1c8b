import Hyperswarm from 'hyperswarm';
import type SecretStream from '@hyperswarm/secret-stream';
import type { SendOutcome } from '../../node/outbox/outgoing';
import type {
  NetworkView,
  RoomMember,
  RoomTransport,
  RoomTransportEvents,
} from '../../node/room-transport';
import { LIMITS } from '../../wire/limits';
import { roomTopic } from '../../wire/room';
import { RoomConnection } from './room-connection';
import { RoomLogs } from './room-logs';
import { DegreeCap } from './degree-cap';
import { RoomLookups } from './room-lookups';
import { RoomMembers } from './room-members';
import { RoomConnections } from './room-connections';
import { RoomReach } from './room-reach';
import type { RoomSwarmOptions } from './room-swarm-options';
import type { FileOffer } from '../../wire/file-offer';
import type { RoomFilesPort } from '../../node/files/file-transport';

export type { RoomSwarmOptions } from './room-swarm-options';

/**
 * Rooms over Hyperswarm: one swarm, joined per room as server and client (a client-only
 * join looks again only every ten minutes), one RoomConnection per remote key carrying
 * every shared room. Hyperswarm replaces duplicate connections (close, then a new one): a
 * member is shown left only when no connection to it came back within the grace time.
 */
export class RoomSwarm implements RoomTransport {
  private readonly swarm: Hyperswarm;
  /** Our DHT node, relays, LAN beacons and `/net`. */
  private readonly reach: RoomReach;
  private readonly topics = new Map<string, Buffer>();
  private readonly connections = new RoomConnections();
  /** The rooms each member is in with us, by key. */
  private readonly present: RoomMembers;
  private destroyed = false;
  /** Looks again after each join; says once when no DHT node answers. */
  private readonly lookups: RoomLookups;
  /** Keys met through other members (joinPeer), so each is asked for once. */
  private readonly introduced = new Set<string>();
  private readonly logs: RoomLogs;
  private readonly degree: DegreeCap;
  private readonly rotation: NodeJS.Timeout;

  constructor(
    private readonly options: RoomSwarmOptions,
    private readonly events: RoomTransportEvents,
  ) {
    const { keyPair } = options;
    this.degree = new DegreeCap(options.roomPeers ?? LIMITS.defaultRoomPeers);
    const maxPeers = this.degree.cap;
    this.reach = new RoomReach(options, {
      connections: this.connections,
      rooms: () => this.rooms,
      isMember: (key) =>
        this.connections.has(key) ||
        this.rooms.some((room) => this.logs.members(room).includes(key)),
      // Like an introduction: not past the cap (the rest are reached through those met).
      wants: (key) => !this.connections.has(key) && this.connections.size < this.degree.cap,
      adopt: (stream) => this.onConnection(stream),
      lending: () => this.helloAll(),
      trouble: events.trouble,
      network: events.network,
    });
    const { dht, relayThrough } = this.reach;
    this.swarm = new Hyperswarm({ dht, keyPair, maxPeers, relayThrough }); // bootstrap: dht's
    this.swarm.on('connection', this.onConnection);
    this.logs = new RoomLogs(
      { keyPair, ...options.logs },
      {
        entry: (room, key, entry, shown) =>
          this.events.message(
            { key, name: entry.name, address: this.present.address(key) },
            {
              ...{ id: entry.id, text: entry.text, room, at: shown.at, backlog: shown.backlog },
              ...(entry.file && { file: entry.file }),
            },
          ),
        held: (room, id, key) => this.events.held(room, id, key),
        own: (room, entry, at) =>
          this.events.ownEarlier(room, { id: entry.id, text: entry.text, at }),
        note: (room, text) => this.events.trouble(`${room}: ${text}`),
      },
    );
    this.lookups = new RoomLookups(this.events.trouble);
    this.present = new RoomMembers(events, options.graceMs ?? LIMITS.roomGraceMs);
    this.rotation = setInterval(() => this.rotate(), LIMITS.roomRotateMs);
    this.rotation.unref();
  }

  get rooms(): string[] {
    return [...this.topics.keys()];
  }

  /** The members of a room, by key. */
  members(room: string): RoomMember[] {
    return this.present.in(room);
  }

  /** Whether a live connection reaches this key. */
  reaches(key: string): boolean {
    return this.connections.has(key);
  }

  join(room: string): boolean {
    if (this.topics.has(room) || this.topics.size >= LIMITS.maxRooms) return false;
    const topic = roomTopic(room);
    this.topics.set(room, topic);
    const discovery = this.swarm.join(topic, { server: true, client: true });
    this.logs
      .open(room)
      .catch((error: Error) => this.events.trouble(`${room}: its log: ${error.message}`));
    this.helloAll();
    this.reach.joined();
    // A DHT that does not answer must never end the process (issue 22).
    this.lookups.keepLooking(discovery, () => this.destroyed || !this.topics.has(room));
    return true;
  }

  async part(room: string): Promise<boolean> {
    const topic = this.topics.get(room);
    if (!topic) return false;
    this.topics.delete(room);
    this.helloAll();
    this.present.parted(room);
    await this.swarm.leave(topic);
    await this.logs.part(room);
    return true;
  }

  /** Appends a message (a file offer) to our log in `room`; who should get it, by key. */
  post(room: string, id: string, text: string, file?: FileOffer): Promise<string[]> {
    return this.logs.post(room, id, this.options.name, text, file);
  }

  /** Files offered in the rooms, and to members alone (at `@KEY`) (issue 23). */
  get files(): RoomFilesPort {
    return this.logs.files;
  }

  offerFile(key: string, offer: FileOffer): boolean {
    return this.connections.get(key)?.offerFile(offer) ?? false;
  }

  /** Members of `room` we know of: connected now, or known from the logs. */
  audience(room: string): string[] {
    return [...new Set([...this.members(room).map((m) => m.key), ...this.logs.members(room)])];
  }

  /** Stops following a member's logs (`/ignore`). */
  ignore(key: string): Promise<void> {
    return this.logs.drop(key);
  }

  network(): NetworkView {
    return this.reach.network();
  }

  unreached(): NetworkView['unreached'] {
    return this.reach.unreached();
  }

  send(key: string, id: string, text: string, room: string | null): Promise<SendOutcome> {
    const connection = this.connections.get(key);
    if (!connection) return Promise.resolve({ ok: false, error: 'E_NOT_CONNECTED' });
    return connection.send(id, text, room);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.present.close();
    clearInterval(this.rotation);
    await this.reach.close();
    await this.swarm.destroy();
    await this.logs.close();
  }

  private helloAll(): void {
    for (const connection of this.connections.values()) this.hello(connection);
  }

  /** Our name, address, rooms (proved) and the relay we lend, if we do. */
  private hello(connection: RoomConnection): void {
    connection.hello(this.options.name, this.options.ownAddress(), this.reach.ownRelay);
  }

  private readonly onConnection = (stream: SecretStream): void => {
    const connection = new RoomConnection(stream, () => this.topics, {
      hello: this.onHello,
      message: (from, message) => this.events.message(this.memberOf(from), message),
      members: this.onMembers,
      file: (from, offer) => this.events.memberFile(this.memberOf(from), offer),
      closed: this.onClosed,
    });
    const key = connection.remoteKey;
    // A second connection to the same key carries our lines while Hyperswarm settles.
    this.connections.add(connection);
    // Files offered to it alone, or by it to us, go over this connection.
    this.logs.files.attach(`@${key}`, stream);
    this.present.back(key);
    this.reach.reached(key);
    this.hello(connection);
    this.degree.opened(key);
    // Met: Hyperswarm need not keep dialling it (explicit peers also shrink its own cap).
    if (this.introduced.has(key)) this.swarm.leavePeer(Buffer.from(key, 'hex'));
    for (const old of this.degree.overflow(key)) this.connections.get(old)?.destroy();
  };

  private memberOf(connection: RoomConnection): RoomMember {
    return { key: connection.remoteKey, name: connection.name, address: connection.address };
  }

  /** The rooms shared now: each new one is a join, each gone one a leave. */
  private readonly onHello = (connection: RoomConnection, shared: string[]): void => {
    const member = this.memberOf(connection);
    this.reach.heard(member.key, connection.relay);
    const joined = this.present.shared(member, shared);
    for (const room of shared) {
      this.logs.attach(room, connection.stream);
      if (this.logs.follow(room, member.key)) this.spread(room, member.key);
      // Every member we know of, online or not: its log may be served by whoever holds it.
      const others = this.audience(room).filter((key) => key !== member.key);
      // Both ways: the newcomer hears of the others, and each of them of the newcomer, so a
      // connection attempt that fails on one side is made again from the other.
      connection.introduce(room, others);
      if (!joined.includes(room)) continue;
      for (const key of others) this.connections.get(key)?.introduce(room, [member.key]);
    }
  };

  /** Members a member of the room named: Hyperswarm connects to them by key. */
  private readonly onMembers = (_from: RoomConnection, room: string, keys: string[]): void => {
    const own = this.options.keyPair.publicKey.toString('hex');
    for (const key of keys) {
      if (key !== own && this.logs.follow(room, key)) this.spread(room, key);
      const known = key === own || this.connections.has(key) || this.introduced.has(key);
      if (known || this.introduced.size >= LIMITS.maxRoomPeers) continue;
      if (this.connections.size >= this.degree.cap) continue;
      this.introduced.add(key);
      this.swarm.joinPeer(Buffer.from(key, 'hex'));
    }
  };

  private readonly onClosed = (connection: RoomConnection): void => {
    this.logs.detach(connection.stream);
    const key = connection.remoteKey;
    const closed = this.connections.closed(connection);
    if (closed.was === 'spare') return;
    // The one in use closed: a duplicate Hyperswarm kept takes over, with a hello.
    if (closed.was === 'replaced') return this.hello(closed.by);
    this.reach.gone(key);
    this.degree.closed(key);
    // Let go to keep the cap: it is still in the room, reached through the others.
    if (this.degree.wasLetGo(key)) return;
    this.present.closed(key, () => this.connections.has(key));
  };

  /**
   * A member new to us is told to our other connections in that room: a key spreads
   * through the room in as many hops as it is wide, each member passing it on once (a
   * key it already follows is not passed on), so every log is followed soon, not at the
   * next rotation.
   */
  private spread(room: string, key: string): void {
    for (const connection of this.connections.values())
      if (connection.remoteKey !== key && connection.shared.includes(room))
        connection.introduce(room, [key]);
  }

  /** At the cap, one connection goes now and then to meet a member not met (degree-cap.ts). */
  private rotate(): void {
    const known = this.rooms.flatMap((room) => this.logs.members(room));
    const turn = this.degree.rotation(known.filter((key) => !this.connections.has(key)));
    if (!turn) return;
    this.connections.get(turn.close)?.destroy();
    if (this.introduced.size >= LIMITS.maxRoomPeers) this.introduced.clear();
    this.introduced.add(turn.meet);
    this.swarm.joinPeer(Buffer.from(turn.meet, 'hex'));
  }
}
