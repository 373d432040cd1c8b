import { keyPair } from 'hypercore-crypto';
import { LinkNegotiation } from '../../src/carriers/link/link-negotiation';
import { PeerTable, type PeerSnapshot } from '../../src/node/peers/peer-table';
import { Trust } from '../../src/node/peers/trust';
import type { LinkVersion } from '../../src/wire/link';

/** The trust and room fields of a peer with no key: for fixtures written as literals. */
export const NO_TRUST: Pick<
  PeerSnapshot,
  'key' | 'pinnedAt' | 'offeredKey' | 'verifiedByYou' | 'lastVerified' | 'rooms'
> = {
  key: null,
  pinnedAt: null,
  offeredKey: null,
  verifiedByYou: false,
  lastVerified: null,
  rooms: [],
};

/** A negotiation of its own (fresh key, empty table) for links made outside a node. */
export function negotiationFor(version: LinkVersion): LinkNegotiation {
  const pair = keyPair();
  const trust = new Trust(
    new PeerTable(),
    pair.publicKey.toString('hex'),
    () => {},
    () => {},
  );
  return new LinkNegotiation({ version, keyPair: pair, trust });
}
