import type { Address } from '../../wire/address';
import { replyFormFor, type ReplyForm } from '../../wire/assignment/format';
import { LIMITS } from '../../wire/limits';
import type { Dialect } from '../../wire/schemas';
import type { PeerLinkChannel, PortFirstChannel } from '../outbox/carriers';

/**
 * How a peer reached by IP:PORT is reached: what it answered, the form it writes in, and
 * the channels held open to it. Who it is (its name, its pinned key) is the peer table's;
 * a member reached by key goes through its room connection (carriers/swarm), not here.
 */
export interface PeerReach {
  /** It answered with the peer-tui capability: messages go over a link. */
  peerTui: boolean;
  /** The form it last wrote to us in (from its listed source): answered in the same. */
  dialect: Dialect | null;
  /** Asked once, with a connect, whether it runs peer-tui. */
  probed: boolean;
  /** Link failures in a row that say no peer-tui is there any more (link-negotiation.ts). */
  strikes: number;
  /** The persistent link to it, while one is open. */
  link: PeerLinkChannel | null;
  /** The connection held to a port-first receiver, while one is open. */
  portFirst: PortFirstChannel | null;
}

/**
 * The one record of how to reach each peer, by address key: read by the router, written
 * by what the peer answers (a capability, its form, a link's failures). Capped like the
 * peer table, whose forgetting forgets the reach too and closes what was held open.
 */
export class Reach {
  private readonly records = new Map<string, PeerReach>();

  constructor(private readonly max: number = LIMITS.maxPeers) {}

  get size(): number {
    return this.records.size;
  }

  /** A copy of what is known (for tests and `/whois`-like views); undefined when nothing. */
  get(key: string): Readonly<Omit<PeerReach, 'link' | 'portFirst'>> | undefined {
    const record = this.records.get(key);
    if (!record) return undefined;
    const { peerTui, dialect, probed, strikes } = record;
    return { peerTui, dialect, probed, strikes };
  }

  /** The live record, made when first needed (the router holds channels in it). */
  of(target: Address): PeerReach {
    let record = this.records.get(target.key);
    if (!record) {
      if (this.records.size >= this.max) this.evictOne();
      record = {
        peerTui: false,
        dialect: null,
        probed: false,
        strikes: 0,
        link: null,
        portFirst: null,
      };
      this.records.set(target.key, record);
    }
    return record;
  }

  isPeerTui(target: Address): boolean {
    return this.records.get(target.key)?.peerTui ?? false;
  }

  /** The form to write to it the assignment's way: its own, else the assignment's. */
  formOf(target: Address): ReplyForm {
    return replyFormFor(this.records.get(target.key)?.dialect ?? null);
  }

  /** It wrote to us in `dialect`, from the source it is listed from. */
  wroteIn(target: Address, dialect: Dialect): void {
    this.of(target).dialect = dialect;
  }

  /** It answered with the capability: later sends use a link. */
  answeredPeerTui(target: Address): void {
    this.of(target).peerTui = true;
  }

  /** Its link failed as a peer-tui's would not: back to the assignment's form. */
  lostPeerTui(target: Address): void {
    const record = this.records.get(target.key);
    if (record) record.peerTui = false;
  }

  /** The peer table forgot it: what was held open to it is closed. */
  forget(key: string): void {
    const record = this.records.get(key);
    if (!record) return;
    record.link?.close();
    record.portFirst?.close();
    this.records.delete(key);
  }

  /** Closes every channel held (quit); what was learnt stays. */
  closeAll(): void {
    for (const record of this.records.values()) {
      record.link?.close();
      record.portFirst?.close();
      record.link = null;
      record.portFirst = null;
    }
  }

  /** Past the cap (the peer table's forgetting normally keeps under it): the oldest idle. */
  private evictOne(): void {
    for (const [key, record] of this.records)
      if (!record.link?.usable && !record.portFirst?.usable) return this.forget(key);
    const [oldest] = this.records.keys();
    if (oldest !== undefined) this.forget(oldest);
  }
}
