import type { Socket } from 'node:net';
import type { Address } from '../protocol/address';
import { formatIn, splitForStd, type OwnIdentity, type ReplyForm } from '../protocol/format';
import { parseCapabilityReply } from '../protocol/link';
import type { Delivery } from './events';
import { sendOneShot, type SendOutcome } from './one-shot';
import type { Outgoing } from './outbox';
import { PeerLink } from './peer-link';

export interface TransportDeps {
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
}

/**
 * How a link fails when the peer is not a peer-tui any more: it takes the connection and
 * hangs up on our lines. (A peer that is down refuses; a stopped one just does not answer,
 * E_NO_ACK: both keep the link form, so a resend carries the same id and shows once.)
 */
const NOT_A_PEER_TUI = new Set(['ECONNRESET', 'EPIPE', 'E_FRAME_TOO_LARGE']);
/** Hang-ups in a row before we write to it the assignment's way. */
const LINK_STRIKES = 2;

export interface Attempt {
  outcome: SendOutcome;
  via: Delivery['via'];
}

/**
 * One attempt at one message, in the form its peer understands: a persistent acknowledged
 * link to another peer-tui, else one connection per message.
 */
export class Transport {
  private readonly links = new Map<string, PeerLink>();
  private readonly strikes = new Map<string, number>();

  constructor(private readonly deps: TransportDeps) {}

  async deliver(item: Outgoing): Promise<Attempt> {
    if (!this.deps.isPeerTui(item.to)) return { outcome: await this.viaStd(item), via: 'std' };
    const outcome = await this.viaLink(item);
    if (outcome.ok || !NOT_A_PEER_TUI.has(outcome.error)) {
      this.strikes.delete(item.to.key);
    } else if ((this.strikes.get(item.to.key) ?? 0) + 1 >= LINK_STRIKES) {
      // It takes connections but never acknowledges: not a peer-tui any more.
      this.strikes.delete(item.to.key);
      this.deps.onLinkLost(item.to);
    } else {
      this.strikes.set(item.to.key, (this.strikes.get(item.to.key) ?? 0) + 1);
    }
    return { outcome, via: 'link' };
  }

  closeAll(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }

  /**
   * Over the open link if there is one; a link that broke while idle (the peer's idle
   * timeout, a restart) is replaced at once. A resend carries the same id, so the peer
   * shows it once.
   */
  private async viaLink(item: Outgoing): Promise<SendOutcome> {
    const existing = this.links.get(item.to.key);
    if (existing?.usable) {
      const outcome = await existing.send(item.id, item.text);
      if (outcome.ok) return this.afterLink(item, existing, outcome);
      existing.close();
    }
    const link = new PeerLink(
      item.to,
      (socket) => {
        const own = this.deps.own(socket);
        return `${own.addressKey} ${own.name}`;
      },
      this.deps.sourceFor(item.to),
    );
    this.links.set(item.to.key, link);
    return this.afterLink(item, link, await link.send(item.id, item.text));
  }

  private afterLink(item: Outgoing, link: PeerLink, outcome: SendOutcome): SendOutcome {
    if (!outcome.ok || item.kind === 'leave') {
      link.close();
      this.links.delete(item.to.key);
    }
    return outcome;
  }

  private async viaStd(item: Outgoing): Promise<SendOutcome> {
    const form = this.deps.formOf(item.to);
    for (const part of splitForStd(item.text, this.deps.name)) {
      const outcome = await sendOneShot(item.to, {
        payload: (socket) => formatIn(form, this.deps.own(socket), item.kind, part),
        onReply: (line) => this.onReply(item.to, line),
        localAddress: this.deps.sourceFor(item.to),
      });
      if (!outcome.ok) return outcome;
    }
    return { ok: true };
  }

  private onReply(target: Address, line: string): void {
    const reply = parseCapabilityReply(line);
    if (reply && reply.from.port === target.port) this.deps.onCapability(target, reply.name);
  }
}
