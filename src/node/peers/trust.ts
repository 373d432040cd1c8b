import type { Address } from '../../wire/address';
import { fingerprint, safetyCode, sameCode } from '../../wire/fingerprint';
import type { TrustChange, Warning } from '../events';
import type { PeerSnapshot, PeerTable } from './peer-table';

export type KeyCheck = 'first-use' | 'match' | 'changed';

export type TrustResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Trust on first use, as OpenSSH does for host keys: the first key an address's encrypted
 * link presents is pinned (kept with the peer in peers.json); a later link from or to that
 * address with another key is refused, loudly, until `/trust` accepts the new key. Beyond
 * that, `/verify` compares a code both people read; confirming it marks the peer, and a key
 * change drops the mark.
 */
export class Trust {
  constructor(
    private readonly peers: PeerTable,
    private readonly ownKey: string,
    private readonly onChange: (change: TrustChange) => void,
    private readonly warn: (warning: Warning) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called with a link's remote key once its handshake is done, before any line is read. */
  check(address: Address, remoteKey: string): KeyCheck {
    const peer = this.peers.know(address);
    if (peer.key === null) {
      const pinned = this.peers.setTrust(address, { key: remoteKey, pinnedAt: this.now() });
      this.onChange({ change: 'pinned', peer: pinned });
      return 'first-use';
    }
    if (peer.key === remoteKey) {
      if (peer.offeredKey !== null) this.peers.setTrust(address, { offeredKey: null });
      return 'match';
    }
    if (peer.offeredKey !== remoteKey) this.refuse(peer, remoteKey);
    return 'changed';
  }

  /** Whether a key is pinned for this address: then it is written to over its link only. */
  isPinned(key: string): boolean {
    return (this.peers.get(key)?.key ?? null) !== null;
  }

  /** `/trust`: the key it presented replaces the pinned one. */
  accept(address: Address): TrustResult<PeerSnapshot> {
    const peer = this.peers.get(address.key);
    if (!peer || peer.offeredKey === null)
      return { ok: false, message: `${address.key} has presented no new key to accept` };
    const accepted = this.peers.setTrust(address, {
      key: peer.offeredKey,
      pinnedAt: this.now(),
      offeredKey: null,
      verifiedByYou: false,
    });
    this.onChange({ change: 'accepted', peer: accepted });
    return { ok: true, value: accepted };
  }

  /** The code to read to each other, from both keys. */
  code(address: Address): TrustResult<string> {
    const peer = this.peers.get(address.key);
    if (!peer || peer.key === null)
      return { ok: false, message: `no key known for ${address.key}: no encrypted link yet` };
    return { ok: true, value: safetyCode(this.ownKey, peer.key) };
  }

  /** `/verify IP:PORT CODE`: the code the other person read out matches ours. */
  confirm(address: Address, typed: string): TrustResult<PeerSnapshot> {
    const code = this.code(address);
    if (!code.ok) return code;
    if (!sameCode(typed, code.value))
      return {
        ok: false,
        message: `codes differ: ${address.key} shows ${code.value} here; not verified`,
      };
    const verified = this.peers.setTrust(address, { verifiedByYou: true });
    this.onChange({ change: 'verified', peer: verified });
    return { ok: true, value: verified };
  }

  private refuse(peer: PeerSnapshot, offered: string): void {
    const changed = this.peers.setTrust(peer.address, {
      offeredKey: offered,
      verifiedByYou: false,
    });
    const from = peer.key === null ? 'none' : fingerprint(peer.key);
    this.warn({
      code: 'E_KEY_CHANGED',
      message:
        `${peer.address.key} presented key ${fingerprint(offered)}, not its pinned key ${from}: ` +
        `someone may be posing as it, or it made a new key. Nothing is read from or sent over ` +
        `that link; your messages wait. If you know why: /trust ${peer.address.key}`,
    });
    this.onChange({ change: 'changed', peer: changed });
  }
}
