import type SecretStream from '@hyperswarm/secret-stream';
import { string as stringEncoding } from 'compact-encoding';
import Protomux from 'protomux';
import { LIMITS } from '../../wire/limits';
import { formatRoomLine, parseRoomLine, roomProof, type RoomLine } from '../../wire/room';
import { AckWaiters } from '../link/ack-waiters';
import type { SendOutcome } from '../../node/outbox/outgoing';
import type { FileOffer } from '../../wire/file-offer';

/** What a room connection tells its swarm. */
export interface RoomConnectionEvents {
  /** Its hello (first or after a join or part): the rooms both sides are in, by name. */
  hello(connection: RoomConnection, shared: string[]): void;
  message(
    connection: RoomConnection,
    line: { id: string; text: string; room: string | null },
  ): void;
  /** Keys it says are in a room we share with it. */
  members(connection: RoomConnection, room: string, keys: string[]): void;
  /** A file it offers us alone (issue 23). */
  file(connection: RoomConnection, offer: FileOffer): void;
  closed(connection: RoomConnection): void;
}

/** The Protomux channel of room lines; the room logs replicate beside it on the same stream. */
const PROTOCOL = 'peer-tui/room/2';
/** Lines written before the other side opened the channel (a hello, introductions). */
const QUEUED_MAX = 64;

/**
 * One Hyperswarm connection to another peer-tui (its Noise stream, keyed by the remote
 * public key), with a Protomux channel of JSON lines (wire/room.ts): a hello naming, by
 * proof only, the rooms we are in, introductions, direct messages and their
 * acknowledgements. Room messages travel in the room logs (room-logs.ts), not here.
 */
export class RoomConnection {
  readonly remoteKey: string;
  name = '';
  /** The TCP address its hello gave (its word only: trusted only with a matching pin). */
  address: string | undefined;
  /** The blind relay it lends its rooms, by its last hello. */
  relay: string | undefined;
  /** The rooms both sides are in, by name (matched proofs). */
  shared: string[] = [];
  private readonly line: Protomux.Message<string> | undefined;
  private opened = false;
  private queued: RoomLine[] = [];
  private readonly acks = new AckWaiters(LIMITS.connectTimeoutMs, () => this.fail('E_NO_ACK'));
  private closed = false;
  /** Closes the connection if no hello comes (LIMITS.roomHelloMs). */
  private readonly helloDue: NodeJS.Timeout;
  /**
   * Our rooms' proofs on this connection, by name: a hash per room, made again only when
   * our rooms change (`hello`), not for every line that names a room.
   */
  private proofs = new Map<string, string>();

  constructor(
    /** Its Noise stream: the room logs replicate on it, beside our channel. */
    readonly stream: SecretStream,
    private readonly rooms: () => ReadonlyMap<string, Buffer>,
    private readonly events: RoomConnectionEvents,
  ) {
    this.remoteKey = stream.remotePublicKey?.toString('hex') ?? '';
    stream.on('error', () => {}); // resets are normal on a swarm; 'close' follows
    stream.on('close', this.onClose);
    const channel = Protomux.from(stream).createChannel({
      protocol: PROTOCOL,
      onopen: this.onOpen,
      onclose: () => this.destroy(),
    });
    // Null: a channel of ours is open on this stream already (nothing to add), or refused.
    this.line = channel?.addMessage<string>({ encoding: stringEncoding, onmessage: this.onText });
    channel?.open();
    // A member killed with kill -9 sends no close: silence past the limit is its leaving.
    stream.setKeepAlive(Math.floor(LIMITS.roomIdleMs / 3));
    stream.setTimeout(LIMITS.roomIdleMs);
    this.helloDue = setTimeout(() => this.destroy(), LIMITS.roomHelloMs);
    this.helloDue.unref();
  }

  /**
   * Says which rooms we are in: proofs, never names. Called at the start and again after
   * each join or part, which is when our rooms change.
   */
  hello(ownName: string, ownAddress: string | undefined, relay?: string): void {
    const hash = this.stream.handshakeHash;
    if (!hash) return;
    this.proofs = new Map([...this.rooms()].map(([name, topic]) => [name, roomProof(topic, hash)]));
    this.write({
      t: 'hello',
      name: ownName,
      address: ownAddress,
      rooms: [...this.proofs.values()],
      ...(relay === undefined ? {} : { relay }),
    });
  }

  /** Resolves once the member acknowledged it (E_NO_ACK after the link's limit). */
  send(id: string, text: string, room: string | null): Promise<SendOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'ECONNRESET' });
    if (this.acks.size >= LIMITS.maxRoomInFlight)
      return Promise.resolve({ ok: false, error: 'E_NO_ACK' });
    const acknowledged = this.acks.wait(id);
    const proof = room === null ? undefined : this.proofs.get(room);
    this.write({ t: 'msg', id, text, ...(proof === undefined ? {} : { room: proof }) });
    return acknowledged;
  }

  /** Offers it a file, to it alone: false when this connection is closed. */
  offerFile(offer: FileOffer): boolean {
    if (this.closed) return false;
    this.write({ t: 'file', offer });
    return true;
  }

  /** Introduces the other members of a room we share with it. */
  introduce(room: string, keys: string[]): void {
    const proof = this.proofs.get(room);
    if (proof !== undefined && keys.length > 0)
      this.write({ t: 'members', room: proof, keys: keys.slice(0, LIMITS.maxRoomPeers) });
  }

  destroy(): void {
    this.stream.destroy();
  }

  private roomOf(proof: string): string | null {
    for (const [name, ours] of this.proofs) if (ours === proof) return name;
    return null;
  }

  private write(line: RoomLine): void {
    if (this.closed) return;
    if (!this.opened) {
      if (this.queued.length < QUEUED_MAX) this.queued.push(line);
      return;
    }
    this.line?.send(formatRoomLine(line));
  }

  private readonly onOpen = (): void => {
    this.opened = true;
    for (const line of this.queued.splice(0)) this.write(line);
  };

  private readonly onText = (text: string): void => {
    if (text.length > LIMITS.maxFrameBytes) return this.destroy();
    const line = parseRoomLine(text);
    // A newer peer-tui's line, or noise: skipped.
    if (line !== null) this.onLine(line);
  };

  private onLine(line: RoomLine): void {
    switch (line.t) {
      case 'hello': {
        clearTimeout(this.helloDue);
        this.name = line.name;
        this.address = line.address;
        this.relay = line.relay;
        const theirs = new Set(line.rooms);
        this.shared = [...this.proofs].filter(([, proof]) => theirs.has(proof)).map(([n]) => n);
        return this.events.hello(this, this.shared);
      }
      case 'msg': {
        const room = line.room === undefined ? null : this.roomOf(line.room);
        // A room message for a room we are not in (parted meanwhile) is acknowledged, not shown.
        if (line.room === undefined || room !== null)
          this.events.message(this, { id: line.id, text: line.text, room });
        return this.write({ t: 'ack', id: line.id });
      }
      case 'members': {
        const room = this.roomOf(line.room);
        if (room !== null && this.shared.includes(room)) this.events.members(this, room, line.keys);
        return;
      }
      case 'ack':
        return this.acks.settle(line.id);
      case 'file':
        return this.events.file(this, line.offer);
    }
  }

  private fail(code: string): void {
    this.acks.failAll(code);
    this.destroy();
  }

  private readonly onClose = (): void => {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.helloDue);
    this.fail('ECONNRESET');
    this.events.closed(this);
  };
}
