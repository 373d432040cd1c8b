import type { Socket } from 'node:net';
import { isKeyAddress, type Address } from '../../wire/address';
import {
  formatIn,
  isPortFirst,
  splitForStd,
  type OwnIdentity,
  type PortFirstVariant,
  type ReplyForm,
} from '../../wire/assignment/format';
import { SENT_WORDS } from '../../wire/assignment/words';
import type { Attempt, Outgoing, SendOutcome } from './outgoing';
import type { Reach } from '../peers/reach';
import type { DirectCarriers, LinkPolicy, PeerLinkChannel, PortFirstChannel } from './carriers';

export interface RouterDeps {
  /** Our team name (long text is cut to fit a 1024-byte read with it in the header). */
  name: string;
  /** This node as the peer at the far end of `socket` should see it. */
  own(socket: Socket): OwnIdentity;
  /** How each peer is reached: its answers, its form, the channels held to it. */
  reach: Reach;
  /** Where to send from for `target` (the bound address, when there is one). */
  sourceFor(target: Address): string | undefined;
  /** The receiver wrote back the peer-tui capability (its name: for the peer table). */
  onCapability(target: Address, name: string): void;
  negotiation: LinkPolicy;
  /** The carriers that reach a peer directly (given: node/ holds no socket's owner). */
  carriers: DirectCarriers;
  /** Peers reached through a room connection (node/rooms.ts). */
  rooms: { reaches(to: Address): boolean; send(item: Outgoing): Promise<SendOutcome> };
}

/**
 * Which carrier takes a message, and one attempt at it, in the form its peer understands:
 * a room connection, a persistent acknowledged link to another peer-tui, a held port-first
 * connection, else one connection per message (after asking, once, whether a peer-tui is
 * there).
 */
export class Router {
  constructor(private readonly deps: RouterDeps) {}

  /**
   * Tries `items` (to one peer, in order). Returns an attempt for each tried: all of them
   * over a link; over the assignment's form, one at a time up to the first failure.
   */
  async deliverBatch(items: Outgoing[]): Promise<Attempt[]> {
    const [first] = items;
    if (!first) return [];
    if (this.deps.rooms.reaches(first.to) || isKeyAddress(first.to)) return this.roomBatch(items);
    // A peer whose key is pinned is written to over its link only, never in the clear.
    const { reach } = this.deps;
    if (!reach.isPeerTui(first.to) && this.deps.negotiation.mayWritePlain(first.to)) {
      const form = reach.formOf(first.to);
      if (isPortFirst(form)) return this.portFirstBatch(items, form);
      if (first.kind !== 'leave' && this.shouldProbe(first.to, form)) {
        // A connect is the question itself: it is sent, and its answer waited for.
        const probe = await this.probe(first.to, form);
        if (!probe.ok || first.kind === 'connect') return [{ outcome: probe, via: 'std' }];
      }
      if (!reach.isPeerTui(first.to)) return this.stdBatch(items);
    }
    const outcomes = await this.viaLink(items);
    const failure = outcomes.find((outcome) => !outcome.ok);
    const error = failure && !failure.ok ? failure.error : undefined;
    if (
      this.deps.negotiation.afterLinkAttempt(first.to, error, reach.of(first.to)) === 'write-plain'
    )
      reach.lostPeerTui(first.to);
    return outcomes.map((outcome) => ({ outcome, via: 'link' }));
  }

  /**
   * Whether to ask before the first chat to this address: once per address, and only in
   * the assignment's own forms (a JSON, key/value or block writer is no peer-tui), and
   * only where the link would be encrypted.
   */
  private shouldProbe(target: Address, form: ReplyForm): boolean {
    return (
      this.deps.negotiation.version === 2 &&
      (form === 'std' || form === 'bracketed') &&
      !this.deps.reach.of(target).probed
    );
  }

  /** The connect that asks (carriers/tcp/capability-probe.ts); remembered once it was answered. */
  private async probe(target: Address, form: ReplyForm): Promise<SendOutcome> {
    const probe = await this.deps.carriers.probe(target, {
      payload: (socket) => formatIn(form, this.deps.own(socket), 'connect', SENT_WORDS.connect),
      capabilityIn: (line) => this.deps.negotiation.capabilityIn(target, line),
      localAddress: this.deps.sourceFor(target),
    });
    if (!probe.ok) return probe;
    this.deps.reach.of(target).probed = true;
    if (probe.peerTui !== null) this.capable(target, probe.peerTui);
    return { ok: true };
  }

  /** Over the member's room connection, in order; a member not connected now waits. */
  private async roomBatch(items: Outgoing[]): Promise<Attempt[]> {
    const outcomes = await Promise.all(items.map((item) => this.deps.rooms.send(item)));
    const broke = outcomes.findIndex((outcome) => !outcome.ok);
    const tried = broke === -1 ? outcomes : outcomes.slice(0, broke + 1);
    return tried.map((outcome) => ({ outcome, via: 'room' }));
  }

  private async stdBatch(items: Outgoing[]): Promise<Attempt[]> {
    const attempts: Attempt[] = [];
    for (const item of items) {
      const outcome = await this.viaStd(item);
      attempts.push({ outcome, via: 'std' });
      if (!outcome.ok) break;
    }
    return attempts;
  }

  /** One line at a time on the held connection, each after the last one's ack. */
  private async portFirstBatch(items: Outgoing[], variant: PortFirstVariant): Promise<Attempt[]> {
    const attempts: Attempt[] = [];
    for (const item of items) {
      const link = this.portFirstLink(item.to, variant);
      let outcome: SendOutcome = { ok: true };
      const parts = item.kind === 'chat' ? splitForStd(item.text, this.deps.name) : [item.text];
      for (const part of parts) {
        outcome = await link.send(item.kind, part);
        if (!outcome.ok) break;
      }
      attempts.push({ outcome, via: 'std' });
      if (!outcome.ok) break;
    }
    return attempts;
  }

  private portFirstLink(target: Address, variant: PortFirstVariant): PortFirstChannel {
    const reach = this.deps.reach.of(target);
    if (reach.portFirst?.usable) return reach.portFirst;
    reach.portFirst?.close();
    reach.portFirst = this.deps.carriers.portFirst(
      target,
      variant,
      (socket) => this.deps.own(socket),
      this.deps.sourceFor(target),
    );
    return reach.portFirst;
  }

  closeAll(): void {
    this.deps.reach.closeAll();
  }

  /**
   * Over the open link if there is one; a link that broke while idle (the peer's idle
   * timeout, a restart) is replaced at once and what failed on it is sent again. A resend
   * carries the same id, so the peer shows it once.
   */
  private async viaLink(items: Outgoing[]): Promise<SendOutcome[]> {
    const [first] = items;
    if (!first) return [];
    const existing = this.deps.reach.of(first.to).link;
    if (existing?.usable) {
      const outcomes = await this.sendAll(existing, items);
      const broke = outcomes.findIndex((outcome) => !outcome.ok);
      if (broke === -1) return outcomes;
      return [
        ...outcomes.slice(0, broke),
        ...(await this.sendAll(this.openLink(first.to), items.slice(broke))),
      ];
    }
    return this.sendAll(this.openLink(first.to), items);
  }

  private openLink(target: Address): PeerLinkChannel {
    const reach = this.deps.reach.of(target);
    reach.link?.close();
    const link = this.deps.carriers.link(
      target,
      (socket) => {
        const own = this.deps.own(socket);
        return { addressKey: own.addressKey, header: `${own.addressKey} ${own.name}` };
      },
      this.deps.sourceFor(target),
    );
    reach.link = link;
    return link;
  }

  private async sendAll(link: PeerLinkChannel, items: Outgoing[]): Promise<SendOutcome[]> {
    const outcomes = await Promise.all(items.map((item) => link.send(item.id, item.text)));
    const failed = outcomes.some((outcome) => !outcome.ok);
    if (failed || items.some((item) => item.kind === 'leave')) {
      link.close();
      const reach = this.deps.reach.of(link.target);
      if (reach.link === link) reach.link = null;
    }
    return outcomes;
  }

  private async viaStd(item: Outgoing): Promise<SendOutcome> {
    const form = this.deps.reach.formOf(item.to);
    for (const part of splitForStd(item.text, this.deps.name)) {
      const outcome = await this.deps.carriers.oneShot(item.to, {
        payload: (socket) => formatIn(form, this.deps.own(socket), item.kind, part),
        onReply: (line) => this.onReply(item.to, line),
        localAddress: this.deps.sourceFor(item.to),
      });
      if (!outcome.ok) return outcome;
    }
    return { ok: true };
  }

  private onReply(target: Address, line: string): void {
    const name = this.deps.negotiation.capabilityIn(target, line);
    if (name !== null) this.capable(target, name);
  }

  /** It answered as a peer-tui: links from now on. */
  private capable(target: Address, name: string): void {
    this.deps.reach.answeredPeerTui(target);
    this.deps.onCapability(target, name);
  }
}
