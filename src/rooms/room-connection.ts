import type SecretStream from '@hyperswarm/secret-stream';
import { LineDecoder } from '../protocol/decoder';
import { LIMITS } from '../protocol/limits';
import { formatRoomLine, parseRoomLine, roomProof, type RoomLine } from '../protocol/room';
import type { SendOutcome } from '../core/one-shot';

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
  closed(connection: RoomConnection): void;
}

interface Pending {
  resolve(outcome: SendOutcome): void;
  sentAt: number;
}

/**
 * One Hyperswarm connection to another peer-tui (its Noise stream, keyed by the remote
 * public key): a hello naming, by proof only, the rooms we are in, then JSON lines
 * (protocol/room.ts) with messages and their acknowledgements.
 */
export class RoomConnection {
  readonly remoteKey: string;
  name = '';
  /** The TCP address its hello gave (its word only: trusted only with a matching pin). */
  address: string | undefined;
  /** The rooms both sides are in, by name (matched proofs). */
  shared: string[] = [];
  private readonly decoder = new LineDecoder();
  private readonly pending = new Map<string, Pending>();
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: SecretStream,
    private readonly rooms: () => ReadonlyMap<string, Buffer>,
    private readonly events: RoomConnectionEvents,
  ) {
    this.remoteKey = stream.remotePublicKey?.toString('hex') ?? '';
    stream.on('data', this.onData);
    stream.on('error', () => {}); // resets are normal on a swarm; 'close' follows
    stream.on('close', this.onClose);
    // A member killed with kill -9 sends no close: silence past the limit is its leaving.
    stream.setKeepAlive(Math.floor(LIMITS.roomIdleMs / 3));
    stream.setTimeout(LIMITS.roomIdleMs);
  }

  /** Says which rooms we are in (again after a join or part): proofs, never names. */
  hello(ownName: string, ownAddress: string | undefined): void {
    const hash = this.stream.handshakeHash;
    if (!hash) return;
    const proofs = [...this.rooms().values()].map((topic) => roomProof(topic, hash));
    this.write({ t: 'hello', name: ownName, address: ownAddress, rooms: proofs });
  }

  /** Resolves once the member acknowledged it (E_NO_ACK after the link's limit). */
  send(id: string, text: string, room: string | null): Promise<SendOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'ECONNRESET' });
    if (this.pending.size >= LIMITS.maxRoomInFlight)
      return Promise.resolve({ ok: false, error: 'E_NO_ACK' });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, sentAt: Date.now() });
      this.timer ??= setTimeout(this.onAckTimeout, LIMITS.connectTimeoutMs);
      const proof = room === null ? undefined : this.proofOf(room);
      this.write({ t: 'msg', id, text, ...(proof === undefined ? {} : { room: proof }) });
    });
  }

  /** Introduces the other members of a room we share with it. */
  introduce(room: string, keys: string[]): void {
    const proof = this.proofOf(room);
    if (proof !== undefined && keys.length > 0)
      this.write({ t: 'members', room: proof, keys: keys.slice(0, LIMITS.maxRoomPeers) });
  }

  destroy(): void {
    this.stream.destroy();
  }

  private proofOf(room: string): string | undefined {
    const topic = this.rooms().get(room);
    const hash = this.stream.handshakeHash;
    return topic && hash ? roomProof(topic, hash) : undefined;
  }

  private roomOf(proof: string): string | null {
    const hash = this.stream.handshakeHash;
    if (!hash) return null;
    for (const [name, topic] of this.rooms()) if (roomProof(topic, hash) === proof) return name;
    return null;
  }

  private write(line: RoomLine): void {
    if (!this.closed) this.stream.write(Buffer.from(formatRoomLine(line)));
  }

  private readonly onData = (chunk: Buffer): void => {
    const lines = this.decoder.push(chunk);
    if (!lines.ok) return this.destroy();
    for (const text of lines.value) {
      const line = parseRoomLine(text);
      if (line === null) continue; // a newer peer-tui's line, or noise: skipped
      this.onLine(line);
    }
  };

  private onLine(line: RoomLine): void {
    switch (line.t) {
      case 'hello': {
        this.name = line.name;
        this.address = line.address;
        const proofs = new Set(line.rooms);
        const hash = this.stream.handshakeHash;
        this.shared = hash
          ? [...this.rooms()]
              .filter(([, topic]) => proofs.has(roomProof(topic, hash)))
              .map(([n]) => n)
          : [];
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
      case 'ack': {
        const waiting = this.pending.get(line.id);
        if (!waiting) return;
        this.pending.delete(line.id);
        waiting.resolve({ ok: true });
        if (this.pending.size === 0) {
          clearTimeout(this.timer);
          this.timer = undefined;
        }
        return;
      }
    }
  }

  /** The oldest message waiting (a Map keeps insertion order) sets the next deadline. */
  private readonly onAckTimeout = (): void => {
    this.timer = undefined;
    const oldest = this.pending.values().next();
    if (oldest.done === true) return;
    const waited = Date.now() - oldest.value.sentAt;
    if (waited >= LIMITS.connectTimeoutMs) return this.fail('E_NO_ACK');
    this.timer = setTimeout(this.onAckTimeout, LIMITS.connectTimeoutMs - waited);
  };

  private fail(code: string): void {
    for (const waiting of this.pending.values()) waiting.resolve({ ok: false, error: code });
    this.pending.clear();
    this.destroy();
  }

  private readonly onClose = (): void => {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.fail('ECONNRESET');
    this.events.closed(this);
  };
}
