import { isKeyAddress } from '../../wire/address';
import type { PeerSnapshot } from './peer-table';

/**
 * Who lists us, as far as we can tell: the peers listed here (they wrote to us), and
 * those we wrote or connected to in this run (a receiver lists its sender), unless they
 * have left. Room members hear of a quit over their room connections instead.
 */
export function mayListUs(peers: PeerSnapshot[]): PeerSnapshot[] {
  return peers.filter(
    (peer) =>
      !isKeyAddress(peer.address) &&
      (peer.state === 'listed' ||
        (peer.state !== 'left' && (peer.messagesOut > 0 || peer.connected))),
  );
}
