import type { Address } from '../../wire/address';
import { LIMITS } from '../../wire/limits';
import type { PeerSnapshot } from './peer-snapshot';

export type { PeerSnapshot, PeerState } from './peer-snapshot';

export type LeaveOutcome =
  | { outcome: 'left'; peer: PeerSnapshot }
  | { outcome: 'not-listed' }
  | { outcome: 'forged'; peer: PeerSnapshot };

export interface PeerTableOptions {
  now?: () => number;
  /** Peers kept at most (LIMITS.maxPeers). */
  maxPeers?: number;
  /** A peer in a conversation is never forgotten to make room. */
  keep?: (peer: Readonly<PeerSnapshot>) => boolean;
  /** A peer became known: called before the operation that made it known returns. */
  onAdded?: (peer: Readonly<PeerSnapshot>) => void;
  /** A peer was forgotten to make room for a new one. */
  onForgotten?: (peer: PeerSnapshot) => void;
}

/**
 * The assignment's peer table. One entry per listening IP:PORT (the identity from the
 * message text, never the ephemeral source port), so there are never double entries.
 * Capped: past `maxPeers` the longest silent peer that is not kept makes room.
 */
export class PeerTable {
  private readonly peers = new Map<string, PeerSnapshot>();
  /** The same records, longest silent first (re-inserted when heard from). */
  private readonly bySilence = new Map<string, PeerSnapshot>();
  private readonly now: () => number;
  private readonly maxPeers: number;
  /** The peer last moved to the back of `bySilence` (it is still there unless forgotten). */
  private lastSeenKey: string | null = null;

  constructor(private readonly options: PeerTableOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxPeers = options.maxPeers ?? LIMITS.maxPeers;
  }

  get size(): number {
    return this.peers.size;
  }

  get(key: string): PeerSnapshot | undefined {
    const peer = this.peers.get(key);
    return peer && { ...peer };
  }

  /** Listed peers, in the order they were first seen. */
  listed(): PeerSnapshot[] {
    return this.all().filter((peer) => peer.state === 'listed');
  }

  all(): PeerSnapshot[] {
    return [...this.peers.values()].map((peer) => ({ ...peer }));
  }

  /** We have this address (we sent to it, or it was given at start-up). */
  know(address: Address): PeerSnapshot {
    return { ...this.entry(address) };
  }

  /**
   * It sent us a message or a connect word from `sourceIp`. `fromItsSource`: the sender
   * wrote from the IP it is listed from (or was listed just now), so what it says of
   * itself (its name, its form: node/peers/reach.ts) is taken.
   */
  heardFrom(
    address: Address,
    name: string,
    sourceIp: string,
    chat: boolean,
    overSecureLink = false,
  ): { peer: Readonly<PeerSnapshot>; joined: boolean; fromItsSource: boolean } {
    const peer = this.entry(address);
    peer.lastVerified = overSecureLink ? true : peer.key === null ? null : false;
    const joined = peer.state !== 'listed';
    const fromItsSource = joined || peer.sourceIp === sourceIp;
    if (joined) {
      peer.state = 'listed';
      peer.sourceIp = sourceIp;
    }
    if (name !== '' && fromItsSource) peer.name = name;
    peer.headerMatchesSource = address.ip === sourceIp;
    this.seen(peer);
    if (chat) peer.messagesIn += 1;
    // The live record, read at once by the caller (a copy per message is a flood's cost).
    return { peer, joined, fromItsSource };
  }

  /** Our connect reached it: it is listed (the assignment's bonus). */
  reached(address: Address): { peer: PeerSnapshot; joined: boolean } {
    const peer = this.entry(address);
    const joined = peer.state !== 'listed';
    peer.state = 'listed';
    peer.connected = true;
    // We dialled its address, so that is where its leave must come from.
    peer.sourceIp ??= address.ip;
    this.seen(peer);
    return { peer: { ...peer }, joined };
  }

  /** A leave word, honoured only from the source IP the peer was listed from. */
  leave(address: Address, sourceIp: string): LeaveOutcome {
    const peer = this.peers.get(address.key);
    if (!peer || peer.state !== 'listed') return { outcome: 'not-listed' };
    if (peer.sourceIp !== null && peer.sourceIp !== sourceIp)
      return { outcome: 'forged', peer: { ...peer } };
    peer.state = 'left';
    peer.connected = false;
    peer.sourceIp = null;
    this.seen(peer);
    return { outcome: 'left', peer: { ...peer } };
  }

  /** A name learnt other than from a message (discovery): never overrides a known one. */
  named(address: Address, name: string): PeerSnapshot {
    const peer = this.entry(address);
    if (peer.name === '') peer.name = name;
    return { ...peer };
  }

  /** `/alias`: a local name, or null to show the one it claims again. */
  setAlias(address: Address, alias: string | null): PeerSnapshot {
    const peer = this.entry(address);
    peer.alias = alias;
    return { ...peer };
  }

  countOut(address: Address): PeerSnapshot {
    const peer = this.entry(address);
    peer.messagesOut += 1;
    return { ...peer };
  }

  /** The rooms a member is in with us (node/rooms.ts). */
  setRooms(address: Address, rooms: string[]): PeerSnapshot {
    const peer = this.entry(address);
    peer.rooms = rooms.slice(0, LIMITS.maxRooms);
    return { ...peer };
  }

  /** Trust's fields (node/peers/trust.ts owns their rules). */
  setTrust(
    address: Address,
    fields: Partial<
      Pick<PeerSnapshot, 'key' | 'pinnedAt' | 'offeredKey' | 'verifiedByYou' | 'lastVerified'>
    >,
  ): PeerSnapshot {
    const peer = this.entry(address);
    Object.assign(peer, fields);
    return { ...peer };
  }

  /** Forgets a peer now (one entry merged into another): `onForgotten` is told. */
  remove(key: string): void {
    const peer = this.peers.get(key);
    if (peer) this.forget(peer);
  }

  private seen(peer: PeerSnapshot): void {
    peer.lastSeen = this.now();
    // A sender's lines come in runs: re-inserting the one already last was 7 % of a flood.
    if (this.lastSeenKey === peer.address.key) return;
    this.lastSeenKey = peer.address.key;
    this.bySilence.delete(peer.address.key);
    this.bySilence.set(peer.address.key, peer);
  }

  /** Forgets the longest silent peer not kept (or, if every one is, the longest silent). */
  private makeRoom(): void {
    const keep = this.options.keep ?? (() => false);
    // Each kept peer met is moved to the back, so a later eviction does not scan it again.
    for (let scanned = this.bySilence.size; scanned > 0; scanned -= 1) {
      const oldest = this.bySilence.values().next();
      if (oldest.done === true) return;
      if (!keep(oldest.value)) return this.forget(oldest.value);
      this.bySilence.delete(oldest.value.address.key);
      this.bySilence.set(oldest.value.address.key, oldest.value);
      this.lastSeenKey = oldest.value.address.key;
    }
    const oldest = this.bySilence.values().next();
    if (oldest.done !== true) this.forget(oldest.value);
  }

  private forget(peer: PeerSnapshot): void {
    if (this.lastSeenKey === peer.address.key) this.lastSeenKey = null;
    this.peers.delete(peer.address.key);
    this.bySilence.delete(peer.address.key);
    this.options.onForgotten?.({ ...peer });
  }

  private entry(address: Address): PeerSnapshot {
    let peer = this.peers.get(address.key);
    if (!peer) {
      if (this.peers.size >= this.maxPeers) this.makeRoom();
      const at = this.now();
      peer = {
        address,
        name: '',
        alias: null,
        state: 'known',
        sourceIp: null,
        headerMatchesSource: null,
        connected: false,
        key: null,
        pinnedAt: null,
        offeredKey: null,
        verifiedByYou: false,
        lastVerified: null,
        rooms: [],
        firstSeen: at,
        lastSeen: at,
        messagesIn: 0,
        messagesOut: 0,
      };
      this.peers.set(address.key, peer);
      this.bySilence.set(address.key, peer);
      this.lastSeenKey = address.key;
      this.options.onAdded?.(peer);
    }
    return peer;
  }
}
