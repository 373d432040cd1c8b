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
import { LIMITS } from '../../wire/limits';
import { SENT_WORDS } from '../../wire/assignment/words';
import type { Attempt, Outgoing, SendOutcome } from './outgoing';
import type { DirectCarriers, LinkPolicy, PeerLinkChannel, PortFirstChannel } from './carriers';

export interface RouterDeps {
  /** Our team name (long text is cut to fit a 1024-byte read with it in the header). */
  name: string;
  /** This node as the peer at the far end of `socket` should see it. */
  own(socket: Socket): OwnIdentity;
  isPeerTui(target: Address): boolean;
  /** The form this peer wrote to us in (JSON, key/value, block) or the assignment's. */
  formOf(target: Address): ReplyForm;
  /** Where to send from for `target` (the bound address, when there is one). */
  sourceFor(target: Address): string | undefined;
  /** The receiver wrote back the peer-tui capability: later sends may use a link. */
  onCapability(target: Address, name: string): void;
  /** A link broke: go back to the assignment's form until it answers again. */
  onLinkLost(target: Address): void;
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
  private readonly links = new Map<string, PeerLinkChannel>();
  private readonly portFirst = new Map<string, PortFirstChannel>();
  /** Addresses asked whether they run peer-tui (at most LIMITS.maxPeers, then forgotten). */
  private readonly probed = new Set<string>();

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
    if (!this.deps.isPeerTui(first.to) && this.deps.negotiation.mayWritePlain(first.to)) {
      const form = this.deps.formOf(first.to);
      if (isPortFirst(form)) return this.portFirstBatch(items, form);
      if (first.kind !== 'leave' && this.shouldProbe(first.to, form)) {
        // A connect is the question itself: it is sent, and its answer waited for.
        const probe = await this.probe(first.to, form);
        if (!probe.ok || first.kind === 'connect') return [{ outcome: probe, via: 'std' }];
      }
      if (!this.deps.isPeerTui(first.to)) return this.stdBatch(items);
    }
    const outcomes = await this.viaLink(items);
    const failure = outcomes.find((outcome) => !outcome.ok);
    const error = failure && !failure.ok ? failure.error : undefined;
    if (this.deps.negotiation.afterLinkAttempt(first.to, error) === 'write-plain')
      this.deps.onLinkLost(first.to);
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
      !this.probed.has(target.key)
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
    if (this.probed.size >= LIMITS.maxPeers) this.probed.clear();
    this.probed.add(target.key);
    if (probe.peerTui !== null) this.deps.onCapability(target, probe.peerTui);
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
    const existing = this.portFirst.get(target.key);
    if (existing?.usable) return existing;
    existing?.close();
    const link = this.deps.carriers.portFirst(
      target,
      variant,
      (socket) => this.deps.own(socket),
      this.deps.sourceFor(target),
    );
    this.portFirst.set(target.key, link);
    return link;
  }

  closeAll(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    for (const link of this.portFirst.values()) link.close();
    this.portFirst.clear();
  }

  /**
   * Over the open link if there is one; a link that broke while idle (the peer's idle
   * timeout, a restart) is replaced at once and what failed on it is sent again. A resend
   * carries the same id, so the peer shows it once.
   */
  private async viaLink(items: Outgoing[]): Promise<SendOutcome[]> {
    const [first] = items;
    if (!first) return [];
    const existing = this.links.get(first.to.key);
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
    this.links.get(target.key)?.close();
    const link = this.deps.carriers.link(
      target,
      (socket) => {
        const own = this.deps.own(socket);
        return { addressKey: own.addressKey, header: `${own.addressKey} ${own.name}` };
      },
      this.deps.sourceFor(target),
    );
    this.links.set(target.key, link);
    return link;
  }

  private async sendAll(link: PeerLinkChannel, items: Outgoing[]): Promise<SendOutcome[]> {
    const outcomes = await Promise.all(items.map((item) => link.send(item.id, item.text)));
    const failed = outcomes.some((outcome) => !outcome.ok);
    if (failed || items.some((item) => item.kind === 'leave')) {
      link.close();
      if (this.links.get(link.target.key) === link) this.links.delete(link.target.key);
    }
    return outcomes;
  }

  private async viaStd(item: Outgoing): Promise<SendOutcome> {
    const form = this.deps.formOf(item.to);
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
    if (name !== null) this.deps.onCapability(target, name);
  }
}
