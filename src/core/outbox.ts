import type { Socket } from 'node:net';
import type { Address } from '../protocol/address';
import { formatIn, splitForStd, type ReplyForm, type OwnIdentity } from '../protocol/format';
import { parseCapabilityReply } from '../protocol/link';
import type { Delivery, DeliveryKind } from './events';
import { sendOneShot, type SendOutcome } from './one-shot';
import { PeerLink } from './peer-link';

export interface Outgoing {
  id: number;
  to: Address;
  kind: DeliveryKind;
  text: string;
}

export interface OutboxDeps {
  /** This node as the peer at the far end of `socket` should see it. */
  own(socket: Socket): OwnIdentity;
  name: string;
  isPeerTui(target: Address): boolean;
  /** The form this peer wrote to us in (JSON, key/value, block) or the assignment's. */
  formOf(target: Address): ReplyForm;
  /** The receiver wrote back the peer-tui capability: later sends may use a link. */
  onCapability(target: Address, name: string): void;
  /** A link broke: go back to the assignment's form until it answers again. */
  onLinkLost(target: Address): void;
}

/**
 * Per-peer ordered delivery. Each peer has its own chain, so a peer that never reads
 * delays only itself. Peers known to run peer-tui get a persistent link; every other peer
 * gets one connection per message.
 */
export class Outbox {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly links = new Map<string, PeerLink>();

  constructor(private readonly deps: OutboxDeps) {}

  send(item: Outgoing): Promise<Delivery> {
    const key = item.to.key;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(item));
    this.chains.set(key, next);
    // Only the newest send may clear the chain; an older one finishing must not.
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }

  closeAll(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }

  private async deliver(item: Outgoing): Promise<Delivery> {
    if (this.deps.isPeerTui(item.to)) {
      const outcome = await this.viaLink(item);
      if (outcome.ok) return toDelivery(item, 'link', outcome);
      // The peer may have restarted as something else: go back to the form all know.
      this.deps.onLinkLost(item.to);
    }
    return toDelivery(item, 'std', await this.viaStd(item));
  }

  private async viaLink(item: Outgoing): Promise<SendOutcome> {
    const key = item.to.key;
    let link = this.links.get(key);
    if (!link?.usable) {
      link = new PeerLink(item.to, (socket) => {
        const own = this.deps.own(socket);
        return `${own.addressKey} ${own.name}`;
      });
      this.links.set(key, link);
    }
    const outcome = await link.send(item.text);
    if (!outcome.ok || item.kind === 'leave') {
      link.close();
      this.links.delete(key);
    }
    return outcome;
  }

  private async viaStd(item: Outgoing): Promise<SendOutcome> {
    const form = this.deps.formOf(item.to);
    for (const part of splitForStd(item.text, this.deps.name)) {
      const outcome = await sendOneShot(item.to, {
        payload: (socket) => formatIn(form, this.deps.own(socket), item.kind, part),
        onReply: (line) => this.onReply(item.to, line),
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

function toDelivery(item: Outgoing, via: Delivery['via'], outcome: SendOutcome): Delivery {
  if (outcome.ok) return { ...item, via, state: 'sent' };
  return { ...item, via, state: 'failed', error: outcome.error };
}
