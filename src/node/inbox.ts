import type { Address } from '../wire/address';
import type { IncomingFrom } from '../wire/schemas';
import type { SessionMessage } from '../wire/session';
import type { NodeEvents } from './events';
import type { PeerTable } from './peers/peer-table';
import type { Reach } from './peers/reach';
import type { PeerUpdates } from './peers/peer-updates';
import { Recently } from './peers/recently';
import type { RoomArrival } from './rooms';

/** Where an arrival came from: the connection's source, and the key its link proved. */
export interface InboundSource {
  sourceIp: string;
  sourcePort: number;
  /** The sender's key, checked against its pin, when the message came over its secure link. */
  key?: string;
}

export type Emit = <K extends keyof NodeEvents & string>(event: K, ...args: NodeEvents[K]) => void;

/**
 * Every arrival, over TCP, a link or a room connection: the assignment's peer-table rules,
 * then events, each message once.
 */
export class Inbox {
  private readonly recent = new Recently(Infinity);

  constructor(
    private readonly peers: PeerTable,
    private readonly emit: Emit,
    private readonly updates: PeerUpdates,
    /** Our own listening address: never a peer (carriers/tcp/dial.ts isOwnAddress). */
    private readonly isSelf: (address: Address) => boolean,
    /** Keys you ignore: nothing they write is shown. */
    private readonly ignored: { has(key: string | undefined): boolean },
    /** How each peer is reached: the form it writes in is answered in (node/peers/reach.ts). */
    private readonly reach: Reach,
  ) {}

  accept(message: SessionMessage, source: InboundSource): void {
    if (message.kind === 'unparsed') {
      this.emit('unparsed', { ...source, text: message.text, code: message.code });
      return;
    }
    if (message.linkId !== undefined && !this.recent.due(`${message.from.key} ${message.linkId}`))
      return;
    if (this.isSelf(message.from)) return this.fromUnknownPort(message, source);
    if (message.kind === 'leave') return this.leave(message, source);
    this.heard(message, source);
  }

  /**
   * A header naming our own address (some senders write the recipient's): the text is
   * shown from the connection's source IP, and nobody is listed, neither us nor the
   * sender, whose listening port is unknown (its source port is ephemeral).
   */
  private fromUnknownPort(message: IncomingFrom, source: InboundSource): void {
    if (message.kind !== 'chat') return;
    this.emit('message', {
      from: { ip: source.sourceIp, port: 0, key: source.sourceIp },
      name: message.name,
      text: message.text,
      dialect: message.dialect,
      sourceIp: source.sourceIp,
      headerMatchesSource: false,
      at: Date.now(),
    });
  }

  /**
   * A message over a member's room connection (node/rooms.ts knows its address): the same
   * rules as any arrival, verified by the member's key, and shown once.
   */
  roomMessage(from: Address, member: { key: string; name: string }, message: RoomArrival): void {
    if (this.ignored.has(member.key) || !this.recent.due(`${from.key} ${message.id}`)) return;
    const backlog = message.backlog === true;
    // Written before we came: its author is known, not listed (it may be long gone).
    if (backlog) {
      this.peers.know(from);
      if (member.name !== '') this.peers.named(from, member.name);
      this.updates.changed(from.key);
    } else {
      const { peer, joined } = this.peers.heardFrom(from, member.name, from.ip, true, true);
      if (joined) this.emit('peer-joined', { ...peer });
      else this.updates.changed(peer.address.key);
    }
    this.emit('message', {
      from,
      name: member.name,
      text: message.text,
      dialect: 'room',
      sourceIp: from.ip,
      headerMatchesSource: true,
      at: message.at ?? Date.now(),
      key: member.key,
      verified: true,
      ...(message.room === null ? {} : { room: message.room }),
      ...(backlog ? { backlog } : {}),
    });
  }

  private heard(message: Exclude<IncomingFrom, { kind: 'leave' }>, source: InboundSource): void {
    // Over its secure link (key checked) it is verified; in the clear while the address has a
    // pinned key, anyone could have written it.
    const key = source.key;
    const { peer, joined, fromItsSource } = this.peers.heardFrom(
      message.from,
      message.name,
      source.sourceIp,
      message.kind === 'chat',
      key !== undefined,
    );
    if (fromItsSource) this.reach.wroteIn(message.from, message.dialect);
    if (!peer.headerMatchesSource && joined) {
      this.emit('warning', {
        code: 'E_HEADER_MISMATCH',
        message: `${message.from.key} wrote its header from ${source.sourceIp}`,
        sourceIp: source.sourceIp,
      });
    }
    if (joined) this.emit('peer-joined', { ...peer });
    else this.updates.changed(peer.address.key);
    if (message.kind !== 'chat') return;
    this.emit('message', {
      from: message.from,
      name: message.name,
      text: message.text,
      dialect: message.dialect,
      sourceIp: source.sourceIp,
      headerMatchesSource: peer.headerMatchesSource === true,
      at: peer.lastSeen,
      key,
      verified: peer.lastVerified ?? undefined,
    });
  }

  private leave(message: Extract<IncomingFrom, { kind: 'leave' }>, source: InboundSource): void {
    const result = this.peers.leave(message.from, source.sourceIp);
    if (result.outcome === 'left') return this.emit('peer-exited', result.peer);
    if (result.outcome === 'forged') {
      this.emit('warning', {
        code: 'E_FORGED_LEAVE',
        message: `ignored a leave for ${message.from.key} sent from ${source.sourceIp}`,
        sourceIp: source.sourceIp,
      });
    }
  }
}
