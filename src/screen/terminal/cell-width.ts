// ESM only; Node 20.19+ requires it as it is (jest.config.js transpiles it for the tests).
const { eastAsianWidth } = require('get-east-asian-width') as {
  eastAsianWidth(codePoint: number): number;
};

interface BlessedUnicode {
  charWidth(text: string | number, index?: number): number;
  codePointAt(text: string, index: number): number;
  combining: Record<number, boolean>;
  chars: { all: unknown };
}

const unicode = require('blessed/lib/unicode') as BlessedUnicode;

/** Marks and format characters take no cell of their own. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/**
 * The cells a code point takes, as terminals count them one code point at a time (the
 * reading xterm.js with Unicode 11 widths and tmux share): marks and format characters
 * none, East Asian Wide and Fullwidth (CJK, most emoji) two, everything else one. Current
 * Unicode, where blessed's own table is from 2015.
 */
export function cellWidth(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  // Below the combining marks everything is one cell but the soft hyphen (a format
  // character): most text is answered without the Unicode property test (every render).
  if (codePoint < 0x300) return codePoint === 0xad ? 0 : 1;
  if (ZERO_WIDTH.test(String.fromCodePoint(codePoint))) return 0;
  return eastAsianWidth(codePoint) === 2 ? 2 : 1;
}

/** Each wide character followed by `spare` (blessed's parseContent gives it its second cell). */
function withSpareCells(text: string, replacement: string): string {
  let out = '';
  for (const char of text) {
    const wide = cellWidth(char.codePointAt(0) ?? 0) === 2;
    out += wide ? replacement.replace('$1', char) : char;
  }
  return out;
}

let taught = false;

/**
 * Makes blessed count widths as the terminal does, from one table, in the two places that
 * must agree: `unicode.charWidth`, with which Screen.draw skips the cell after a wide
 * character, and `unicode.chars.all`, after whose matches Element.parseContent inserts
 * that spare cell (replaced by an object that `String.prototype.replace` calls). Before,
 * a run of emoji lost or doubled cells and pushed borders out of place.
 */
export function teachBlessedWidths(): void {
  if (taught) return;
  taught = true;
  const original = unicode.charWidth.bind(unicode);
  unicode.charWidth = (text, index) => {
    const point = typeof text === 'number' ? text : unicode.codePointAt(text, index ?? 0);
    // NUL and the tab keep blessed's own answers (the tab is the screen's tab width).
    return point === 0 || point === 0x09 ? original(text, index) : cellWidth(point);
  };
  unicode.chars.all = {
    [Symbol.replace]: (text: string, replacement: string) => withSpareCells(text, replacement),
  };
}

/** Lets blessed keep a combining mark in the cell of the character before it. */
export function markAsCombining(codePoint: number): void {
  unicode.combining[codePoint] = true;
}
