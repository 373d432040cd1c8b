import fc from 'fast-check';
import { safeJson, sanitize } from '../../src/app/sanitize';

const RAW_CONTROL =
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2028\u2029\ufeff]/u;

describe('sanitize', () => {
  it.each([
    ['\u001b]0;pwned\u0007', '^[]0;pwned^G'],
    ['\u001b[2J\u001b[H', '^[[2J^[[H'],
    ['fake\rline', 'fake^Mline'],
    ['two\nlines', 'two^Jlines'],
    ['tab\there', 'tab^Ihere'],
    ['del\u007f', 'del^?'],
    ['c1 \u009b31m', 'c1 <U+009B>31m'],
    ['bidi \u202eevil', 'bidi <U+202E>evil'],
    ['zero\u200bwidth', 'zero<U+200B>width'],
    ['lone \ud800 surrogate', 'lone <U+D800> surrogate'],
    ['{red-fg}plain{/red-fg}', '{red-fg}plain{/red-fg}'],
    ['héllo 😀 世界', 'héllo 😀 世界'],
  ])('%j -> %j', (input, output) => {
    expect(sanitize(input)).toBe(output);
  });

  it('leaves no raw control in any string (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (text) => !RAW_CONTROL.test(sanitize(text)) && !/[\ud800-\udfff]/u.test(sanitize(text)),
      ),
      { numRuns: 500 },
    );
  });

  it('changes nothing in printable text (property)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[ -~]*$/), (text) => sanitize(text) === text));
  });

  it('writes JSON with every control escaped that still parses back to the same value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const json = safeJson({ text });
        return !RAW_CONTROL.test(json) && JSON.parse(json).text === text;
      }),
      { numRuns: 300 },
    );
  });
});
