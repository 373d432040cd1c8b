import fc from 'fast-check';
import { fingerprint, safetyCode, sameCode } from '../../src/wire/fingerprint';

const key = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex'));

describe('fingerprint', () => {
  it('is four groups of four hex digits, the same for the same key', () => {
    fc.assert(
      fc.property(key, (k) => {
        expect(fingerprint(k)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
        expect(fingerprint(k)).toBe(fingerprint(k));
      }),
    );
  });

  it('differs between keys that differ in one bit', () => {
    const a = '00'.repeat(32);
    const b = `01${'00'.repeat(31)}`;
    expect(fingerprint(a)).not.toBe(fingerprint(b));
  });
});

describe('safety code', () => {
  it('is the same on both screens (order of the keys does not matter), ten digits', () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(safetyCode(a, b)).toBe(safetyCode(b, a));
        expect(safetyCode(a, b)).toMatch(/^\d{5} \d{5}$/);
      }),
    );
  });

  it('changes when either key does (a man in the middle shows each side his own)', () => {
    const [a, b, m] = ['aa', 'bb', 'cc'].map((x) => x.repeat(32)) as [string, string, string];
    expect(safetyCode(a, m)).not.toBe(safetyCode(a, b));
    expect(safetyCode(m, b)).not.toBe(safetyCode(a, b));
  });

  it('compares typed codes without their spaces', () => {
    expect(sameCode('1234567890', '12345 67890')).toBe(true);
    expect(sameCode(' 12345  67890 ', '12345 67890')).toBe(true);
    expect(sameCode('12345 67891', '12345 67890')).toBe(false);
  });
});
