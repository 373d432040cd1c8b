import fc from 'fast-check';
import { jsonString } from '../../src/util/json-string';

describe('jsonString', () => {
  it('is JSON.stringify for every string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(jsonString(text)).toBe(JSON.stringify(text));
      }),
    );
  });

  it('is JSON.stringify for any UTF-16 units, lone surrogates included', () => {
    const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 });
    fc.assert(
      fc.property(units, (codes) => {
        const text = String.fromCharCode(...codes);
        expect(jsonString(text)).toBe(JSON.stringify(text));
      }),
    );
  });

  it.each(['plain', 'a"b', 'a\\b', 'tab\there', '\u0000', '\u007f', '\u2028', '\ud800', '😀', ''])(
    'matches JSON.stringify on %j',
    (text) => expect(jsonString(text)).toBe(JSON.stringify(text)),
  );
});
