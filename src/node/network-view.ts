/** What the room carrier knows of the network (`/net`). */
export interface NetworkView {
  /** Whether its DHT node has found its place in the DHT. */
  bootstrapped: boolean;
  /** DHT nodes it knows. */
  nodes: number;
  /** open: reachable as it is; consistent: behind a NAT that keeps ports (hole punching
   * works); random: a NAT that changes ports (a relay may be needed); unknown: not yet. */
  nat: 'open' | 'consistent' | 'random' | 'unknown';
  /** Our address as the DHT sees it, when known. */
  publicAddress: string | null;
  /** Blind relays given (`--relay`). */
  relays: number;
  /** Blind relays members connected now lend their rooms. */
  lentRelays: number;
  /** Whether we lend a relay to our rooms (our NAT lets others reach us). */
  lending: boolean;
  /** Each room connection: the member's key, the address its stream goes to, how it is
   * reached (same LAN, direct, hole-punched, relayed through `via`), its round trip. */
  connections: {
    key: string;
    remote: string | null;
    way: 'lan' | 'direct' | 'hole-punched' | 'relayed' | null;
    via: string | null;
    rttMs: number | null;
  }[];
  /** Members found whose last connection attempt failed, with hyperdht's code for why. */
  unreached: { key: string; code: string }[];
}
