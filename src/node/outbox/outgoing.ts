import type { Address } from '../../wire/address';
import type { Delivery, DeliveryKind } from '../events';

/**
 * The types every part of sending shares: what is sent, how one try went, and which
 * carrier took it. Their own home, so that no two modules import each other for them.
 */

/** How one try at one message went: a stable code when it failed. */
export type SendOutcome = { ok: true } | { ok: false; error: string };

export interface Outgoing {
  /** 16 hex digits, kept across restarts: a peer-tui receiver shows a resent message once. */
  id: string;
  to: Address;
  kind: DeliveryKind;
  text: string;
  createdAt: number;
  /** The room it was said in (`#cs216`); its member `to` gets it as a room message. */
  room?: string;
}

export interface Attempt {
  outcome: SendOutcome;
  via: Delivery['via'];
}
