import type { Socket } from 'node:net';
import type { Address } from '../../wire/address';
import type { OwnIdentity, PortFirstVariant } from '../../wire/assignment/format';
import type { DeliveryKind } from '../events';
import type { SendOutcome } from './outgoing';

/**
 * What the router asks of the carriers (carriers/tcp, carriers/link), as interfaces the
 * node owns: the carriers implement them and are given to the node, so nothing in node/
 * knows a socket's owner.
 */

/** One connection, one write, close (the assignment's form): carriers/tcp/one-shot.ts. */
export interface OneShotOptions {
  /** The bytes to write, given the socket (for its local address). */
  payload(socket: Socket): string;
  /** A line the receiver wrote back (a capability reply, an ack): read, never waited for. */
  onReply(line: string): void;
  /** Local address to send from, if any. */
  localAddress?: string;
  lingerMs?: number;
}

/** What asking an address first learned: a peer-tui's name, or null for anything else. */
export type ProbeOutcome = { ok: true; peerTui: string | null } | { ok: false; error: string };

/** The connect that asks whether an address runs peer-tui: carriers/tcp/capability-probe.ts. */
export interface ProbeOptions {
  /** The assignment's connect, given the socket (for its local address). */
  payload(socket: Socket): string;
  /** The name in a line when it is a peer-tui's capability, else null. */
  capabilityIn(line: string): string | null;
  localAddress?: string;
  /** How long a receiver that neither answers nor closes is waited for (else measured). */
  timeoutMs?: number;
}

/** A held connection to a port-first receiver: carriers/tcp/port-first-link.ts. */
export interface PortFirstChannel {
  readonly usable: boolean;
  send(kind: DeliveryKind, text: string): Promise<SendOutcome>;
  close(): void;
}

/** A persistent acknowledged link to another peer-tui: carriers/link/peer-link.ts. */
export interface PeerLinkChannel {
  readonly target: Address;
  readonly usable: boolean;
  send(id: string, text: string): Promise<SendOutcome>;
  close(): void;
}

/** The link's rules as the router needs them: carriers/link/link-negotiation.ts. */
export interface LinkPolicy {
  readonly version: 1 | 2;
  capabilityIn(target: Address, line: string): string | null;
  afterLinkAttempt(
    target: Address,
    error: string | undefined,
    reach: { strikes: number },
  ): 'keep-link' | 'write-plain';
  mayWritePlain(target: Address): boolean;
}

/** Every way the router can reach a peer directly, made by the node's assembler. */
export interface DirectCarriers {
  oneShot(target: Address, options: OneShotOptions): Promise<SendOutcome>;
  probe(target: Address, options: ProbeOptions): Promise<ProbeOutcome>;
  portFirst(
    target: Address,
    variant: PortFirstVariant,
    ownFor: (socket: Socket) => OwnIdentity,
    localAddress?: string,
  ): PortFirstChannel;
  link(
    target: Address,
    own: (socket: Socket) => { addressKey: string; header: string },
    localAddress?: string,
  ): PeerLinkChannel;
}
