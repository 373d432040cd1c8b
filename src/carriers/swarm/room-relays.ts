import type DHT from 'hyperdht';
import { keyPair } from 'hypercore-crypto';
import { LIMITS } from '../../wire/limits';
import { startBlindRelay, type BlindRelay } from '../reach/blind-relay-server';

/** How often our NAT is looked at until we relay (it is known some seconds after a join). */
const CHECK_EVERY_MS = 5_000;

/**
 * Relays members lend their rooms (issue 22): a member reachable as it is, or behind a NAT
 * that keeps ports (others can hole-punch to it), runs a blind relay on its DHT node and
 * says its key in its hello; members whose own connection attempts fail (both behind NATs
 * that randomise ports) go through one, so a room with one such member needs no seed. The
 * relay's key is its own, made for the run: the member's identity is not a relay's.
 */
export class RoomRelays {
  /** The relay key each connected member lends, by member key. */
  private readonly lentBy = new Map<string, string>();
  private own: BlindRelay | null = null;
  private starting = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly dht: DHT,
    /** Whether our NAT lets others reach us (open, or keeps ports), now. */
    private readonly reachable: () => boolean,
    /** Our relay has started: say its key to the members connected. */
    private readonly started: () => void,
    private readonly trouble: (text: string) => void,
    checkEveryMs = CHECK_EVERY_MS,
  ) {
    this.timer = setInterval(() => this.check(), checkEveryMs);
    this.timer.unref();
  }

  /** Our relay's key, once we lend one. */
  get ownKey(): string | undefined {
    return this.own?.key;
  }

  /** Relays lent by members connected now, for relayChoice. */
  lent(): string[] {
    return [...new Set(this.lentBy.values())];
  }

  /** A member's hello: the relay it lends, if any (a newer hello replaces it). */
  heard(member: string, relay: string | undefined): void {
    if (relay === undefined) {
      this.lentBy.delete(member);
      return;
    }
    if (!this.lentBy.has(member) && this.lentBy.size >= LIMITS.maxRoomPeers) return;
    this.lentBy.set(member, relay);
  }

  gone(member: string): void {
    this.lentBy.delete(member);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.own?.close();
  }

  private check(): void {
    if (this.closed || this.own !== null || this.starting || !this.reachable()) return;
    this.starting = true;
    startBlindRelay(this.dht, keyPair(), LIMITS.memberRelaySessions).then(
      (relay) => {
        if (this.closed) {
          relay.close().catch(() => undefined); // closed meanwhile: nothing else to do
          return;
        }
        this.own = relay;
        clearInterval(this.timer);
        this.started();
      },
      (error: Error) => {
        this.starting = false;
        this.trouble(`relaying for your rooms: ${error.message}`);
      },
    );
  }
}
