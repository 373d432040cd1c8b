import { randomBytes } from 'node:crypto';
import type DHT from 'hyperdht';
import type SecretStream from '@hyperswarm/secret-stream';
import type { KeyPair } from 'hypercore-crypto';
import { LIMITS } from '../../wire/limits';
import {
  beaconProof,
  beaconSecret,
  formatBeacon,
  roomsProved,
  type Beacon,
} from '../../wire/room-beacon';
import { LanBeacon } from '../reach/lan-beacon';

/** How often a member says where it is on its LAN, besides on every join and answer. */
const BEACON_EVERY_MS = 10_000;
/** After a join, again this soon: members started at the same moment were not listening. */
const BEACON_SOON_MS = [1000, 3000];
/** A member heard again is dialled at most this often; an answer is sent at most this often. */
const DIAL_AGAIN_MS = 5_000;
const ANSWER_AGAIN_MS = 1_000;

export interface LanRoomsOptions {
  /** The UDP port beacons use (`--lan-port`). */
  port: number;
  /** The address our DHT node binds (`--dht-host`), if one: beacons go out there only. */
  host: string | undefined;
  keyPair: KeyPair;
  dht: DHT;
  rooms(): string[];
  /** Whether a connection to this member is wanted: not held already, and under the cap. */
  wants(key: string): boolean;
  /** A connection opened to a member met on the LAN: handled as Hyperswarm's are. */
  adopt(stream: SecretStream): void;
  trouble(text: string): void;
}

/**
 * Rooms on a LAN with no DHT (issue 22): each member multicasts a beacon of the rooms it is
 * in (proved, never named) with its DHT node's port; a member hearing one for a room of its
 * own connects through that DHT node, which serves its own key, so no other node is needed.
 * Of two members the one with the higher key dials, as Hyperswarm expects (its tie-break
 * keeps the higher key's connection when both dial); the other answers with a beacon at once,
 * so a beacon heard one way only is enough.
 */
export class LanRooms {
  private readonly beacon: LanBeacon;
  private readonly timer: NodeJS.Timeout;
  private readonly dialled = new Map<string, number>();
  /** When each dial of the last minute was made (LIMITS.lanDialsPerMinute). */
  private dials: number[] = [];
  private answeredAt = 0;
  private ready = false;
  private closed = false;

  constructor(private readonly options: LanRoomsOptions) {
    this.beacon = new LanBeacon(this.onHeard, (error) =>
      options.trouble(`LAN discovery of rooms: ${error.message} (--lan-port PORT, or 0 for none)`),
    );
    // The DHT node's port is known once it is bound.
    Promise.all([this.beacon.start(options.port, options.host), options.dht.bind()]).then(
      ([started]) => {
        this.ready = started;
        this.joined();
      },
      () => undefined,
    );
    this.timer = setInterval(() => this.announce(), BEACON_EVERY_MS);
    this.timer.unref();
  }

  /** A room joined: said now and twice more soon. */
  joined(): void {
    this.announce();
    for (const ms of BEACON_SOON_MS) setTimeout(() => this.announce(), ms).unref();
  }

  /** Says where we are for the rooms we are in now (a part stops being said next time). */
  announce(): void {
    const rooms = this.options.rooms();
    const port = this.dhtPort();
    if (!this.ready || this.closed || rooms.length === 0 || port === null) return;
    const key = this.ownKey;
    const nonce = randomBytes(16).toString('hex');
    const proofs = rooms.map((room) => beaconProof(beaconSecret(room), key, port, nonce));
    this.beacon.send(formatBeacon({ key, dhtPort: port, nonce, proofs }));
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.beacon.close();
  }

  private get ownKey(): string {
    return this.options.keyPair.publicKey.toString('hex');
  }

  private dhtPort(): number | null {
    const { port } = this.options.dht.address();
    return port > 0 ? port : null;
  }

  private readonly onHeard = (beacon: Beacon, host: string): void => {
    const { key } = beacon;
    if (key === this.ownKey || !this.options.wants(key)) return;
    const secrets = new Map(this.options.rooms().map((room) => [room, beaconSecret(room)]));
    if (roomsProved(beacon, secrets).length === 0) return;
    if (this.ownKey < key) return this.answer();
    this.dial(key, host, beacon.dhtPort);
  };

  private answer(): void {
    if (Date.now() - this.answeredAt < ANSWER_AGAIN_MS) return;
    this.answeredAt = Date.now();
    this.announce();
  }

  /** Connects through the member's own DHT node, which answers for its key. */
  private dial(key: string, host: string, port: number): void {
    const now = Date.now();
    const last = this.dialled.get(key) ?? 0;
    if (now - last < DIAL_AGAIN_MS) return;
    this.dials = this.dials.filter((at) => now - at < 60_000);
    if (this.dials.length >= LIMITS.lanDialsPerMinute) return;
    this.dials.push(now);
    if (this.dialled.size >= LIMITS.maxRoomPeers) this.dialled.clear();
    this.dialled.set(key, now);
    const { dht, keyPair } = this.options;
    const stream = dht.connect(Buffer.from(key, 'hex'), {
      keyPair,
      relayAddresses: [{ host, port }],
    });
    // Why is kept by the watched DHT (/net). Dialled too soon (its server not listening
    // yet, just started), it may be dialled again at its next beacon.
    stream.on('error', () => this.dialled.delete(key));
    stream.once('open', () => {
      if (!this.options.wants(key)) return stream.destroy();
      this.options.adopt(stream);
    });
  }
}
