import type { Address } from '../protocol/address';
import type { Dialect } from '../protocol/schemas';

/**
 * listed: it sent us a message or connect word, or our connect reached it (the query list).
 * known: we have its address (we sent to it, it was a bootstrap peer) but it is not listed.
 * left: it was listed and sent a leave word.
 */
export type PeerState = 'listed' | 'known' | 'left';

export interface PeerSnapshot {
  address: Address;
  name: string;
  state: PeerState;
  /** The IP its connections came from when it was listed; null until then. */
  sourceIp: string | null;
  /** Whether the header IP equalled the source IP; null until it has sent something. */
  headerMatchesSource: boolean | null;
  /** Our connect reached it while it is listed (the assignment's bonus). */
  connected: boolean;
  /** Whether it answered with the peer-tui capability (persistent links). */
  peerTui: boolean;
  /** The wire form it last wrote to us in; we answer in the same form. */
  dialect: Dialect | null;
  firstSeen: number;
  lastSeen: number;
  messagesIn: number;
  messagesOut: number;
}

export type LeaveOutcome =
  | { outcome: 'left'; peer: PeerSnapshot }
  | { outcome: 'not-listed' }
  | { outcome: 'forged'; peer: PeerSnapshot };

/**
 * The assignment's peer table. One entry per listening IP:PORT (the identity from the
 * message text, never the ephemeral source port), so there are never double entries.
 */
export class PeerTable {
  private readonly peers = new Map<string, PeerSnapshot>();

  constructor(private readonly now: () => number = Date.now) {}

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

  /** It sent us a message or a connect word from `sourceIp`. */
  heardFrom(
    address: Address,
    name: string,
    sourceIp: string,
    chat: boolean,
    dialect: Dialect | null = null,
  ): { peer: Readonly<PeerSnapshot>; joined: boolean } {
    const peer = this.entry(address);
    const joined = peer.state !== 'listed';
    if (dialect !== null && (joined || peer.sourceIp === sourceIp)) peer.dialect = dialect;
    if (joined) {
      peer.state = 'listed';
      peer.sourceIp = sourceIp;
    }
    if (name !== '' && (joined || peer.sourceIp === sourceIp)) peer.name = name;
    peer.headerMatchesSource = address.ip === sourceIp;
    peer.lastSeen = this.now();
    if (chat) peer.messagesIn += 1;
    // The live record, read at once by the caller (a copy per message is a flood's cost).
    return { peer, joined };
  }

  /** Our connect reached it: it is listed (the assignment's bonus). */
  reached(address: Address): { peer: PeerSnapshot; joined: boolean } {
    const peer = this.entry(address);
    const joined = peer.state !== 'listed';
    peer.state = 'listed';
    peer.connected = true;
    // We dialled its address, so that is where its leave must come from.
    peer.sourceIp ??= address.ip;
    peer.lastSeen = this.now();
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
    peer.lastSeen = this.now();
    return { outcome: 'left', peer: { ...peer } };
  }

  /** A name learnt other than from a message (discovery): never overrides a known one. */
  named(address: Address, name: string): PeerSnapshot {
    const peer = this.entry(address);
    if (peer.name === '') peer.name = name;
    return { ...peer };
  }

  countOut(address: Address): PeerSnapshot {
    const peer = this.entry(address);
    peer.messagesOut += 1;
    return { ...peer };
  }

  markPeerTui(address: Address, name: string): void {
    this.entry(address).peerTui = true;
    this.named(address, name);
  }

  forgetPeerTui(key: string): void {
    const peer = this.peers.get(key);
    if (peer) peer.peerTui = false;
  }

  private entry(address: Address): PeerSnapshot {
    let peer = this.peers.get(address.key);
    if (!peer) {
      const at = this.now();
      peer = {
        address,
        name: '',
        state: 'known',
        sourceIp: null,
        headerMatchesSource: null,
        peerTui: false,
        connected: false,
        dialect: null,
        firstSeen: at,
        lastSeen: at,
        messagesIn: 0,
        messagesOut: 0,
      };
      this.peers.set(address.key, peer);
    }
    return peer;
  }
}
