import { PeerTable } from '../../../src/node/peers/peer-table';
import { Trust } from '../../../src/node/peers/trust';
import type { TrustChange, Warning } from '../../../src/node/events';
import { makeAddress } from '../../../src/wire/address';
import { safetyCode } from '../../../src/wire/fingerprint';

const OWN = 'aa'.repeat(32);
const K1 = 'bb'.repeat(32);
const K2 = 'cc'.repeat(32);
const at = makeAddress('127.0.0.1', 9001);

function setup(): { trust: Trust; peers: PeerTable; changes: TrustChange[]; warnings: Warning[] } {
  const peers = new PeerTable();
  const changes: TrustChange[] = [];
  const warnings: Warning[] = [];
  const trust = new Trust(
    peers,
    OWN,
    (c) => changes.push(c),
    (w) => warnings.push(w),
    () => 5,
  );
  return { trust, peers, changes, warnings };
}

describe('Trust', () => {
  it('pins the first key, then accepts only that key', () => {
    const { trust, peers, changes } = setup();
    expect(trust.check(at, K1)).toBe('first-use');
    expect(peers.get(at.key)).toMatchObject({ key: K1, pinnedAt: 5 });
    expect(trust.check(at, K1)).toBe('match');
    expect(changes.map((c) => c.change)).toEqual(['pinned']);
  });

  it('refuses another key with one loud line per new key, until /trust accepts it', () => {
    const { trust, peers, warnings } = setup();
    trust.check(at, K1);
    expect(trust.check(at, K2)).toBe('changed');
    expect(trust.check(at, K2)).toBe('changed');
    expect(warnings.map((w) => w.code)).toEqual(['E_KEY_CHANGED']);
    expect(warnings[0]?.message).toContain(`/trust ${at.key}`);
    expect(peers.get(at.key)).toMatchObject({ key: K1, offeredKey: K2 });
    expect(trust.accept(at)).toMatchObject({ ok: true });
    expect(peers.get(at.key)).toMatchObject({ key: K2, offeredKey: null });
    expect(trust.check(at, K2)).toBe('match');
  });

  it('has nothing to accept when no other key was presented', () => {
    const { trust } = setup();
    trust.check(at, K1);
    expect(trust.accept(at)).toMatchObject({ ok: false });
  });

  it('verifies with the matching code only, and a key change drops the mark', () => {
    const { trust, peers } = setup();
    expect(trust.code(at)).toMatchObject({ ok: false });
    trust.check(at, K1);
    expect(trust.code(at)).toEqual({ ok: true, value: safetyCode(OWN, K1) });
    expect(trust.confirm(at, '00000 00000')).toMatchObject({ ok: false });
    expect(peers.get(at.key)?.verifiedByYou).toBe(false);
    expect(trust.confirm(at, safetyCode(K1, OWN))).toMatchObject({ ok: true });
    expect(peers.get(at.key)?.verifiedByYou).toBe(true);
    trust.check(at, K2);
    expect(peers.get(at.key)?.verifiedByYou).toBe(false);
  });
});
