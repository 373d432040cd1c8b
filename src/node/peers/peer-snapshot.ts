import type { Address } from '../../wire/address';

/**
 * listed: it sent us a message or connect word, or our connect reached it (the query list).
 * known: we have its address (we sent to it, it was a bootstrap peer) but it is not listed.
 * left: it was listed and sent a leave word.
 */
export type PeerState = 'listed' | 'known' | 'left';

export interface PeerSnapshot {
  address: Address;
  name: string;
  /** A name you gave it (`/alias`), shown instead of the one it claims; null for none. */
  alias: string | null;
  state: PeerState;
  /** The IP its connections came from when it was listed; null until then. */
  sourceIp: string | null;
  /** Whether the header IP equalled the source IP; null until it has sent something. */
  headerMatchesSource: boolean | null;
  /** Our connect reached it while it is listed (the assignment's bonus). */
  connected: boolean;
  /** Its pinned public key (64 hex digits), from the first encrypted link; null for none. */
  key: string | null;
  /** When that key was pinned. */
  pinnedAt: number | null;
  /** A different key it presented and we refused (E_KEY_CHANGED), until `/trust`. */
  offeredKey: string | null;
  /** You compared `/verify` codes with this peer and confirmed; a key change drops it. */
  verifiedByYou: boolean;
  /** Whether its last message came over its verified link; null when it has no key. */
  lastVerified: boolean | null;
  /** The rooms it is in with us now (node/rooms.ts), at most LIMITS.maxRooms. */
  rooms: string[];
  firstSeen: number;
  lastSeen: number;
  messagesIn: number;
  messagesOut: number;
}
