import { sanitize } from '../../app/sanitize';
import { markAsCombining, teachBlessedWidths } from '../terminal/cell-width';

// Every screen string goes through this module: blessed counts widths as terminals do
// from the moment it is loaded.
teachBlessedWidths();

const MARK = /\p{M}/u;
/** More marks on one character than this are shown as codes: terminals pile them apart. */
const MAX_MARKS_PER_CHARACTER = 2;
/** A zero-width joiner between two pictographs (a ZWJ emoji sequence). */
const EMOJI_JOINER = /(\p{Extended_Pictographic})\u200d(?=\p{Extended_Pictographic})/gu;

function code(char: string): string {
  return `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Text normalised to the reading terminals share, one code point at a time: presentation
 * selectors dropped (some terminals widen the character before VS16, others do not), a
 * pile of more than two combining marks on one character shown as codes. Emoji, CJK and
 * other wide characters are drawn as themselves (terminal/cell-width.ts taught blessed their width).
 */
function fitWidths(text: string): string {
  let out = '';
  let marks = 0;
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (point === 0xfe0e || point === 0xfe0f) continue;
    if (MARK.test(char)) {
      marks += 1;
      if (marks > MAX_MARKS_PER_CHARACTER) {
        out += code(char);
        continue;
      }
      markAsCombining(point);
      out += char;
      continue;
    }
    marks = 0;
    out += char;
  }
  return out;
}

/** blessed tags in peer text are shown literally. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (brace) => (brace === '{' ? '{open}' : '{close}'));
}

/**
 * Peer text for the screen: a ZWJ sequence becomes the emoji it joins (as terminals that
 * count code points draw it; the joiner is shown as a code elsewhere, like every invisible
 * character), then sanitised, fitted and tag-escaped.
 */
function screenSafe(text: string): string {
  return fitWidths(sanitize(text.replace(EMOJI_JOINER, '$1')));
}

/** Any peer-controlled string, ready for a blessed element with `tags: true`. */
export function forScreen(text: string): string {
  return escapeTags(screenSafe(text));
}

/** Columns a screen string takes, as blessed (taught by terminal/cell-width.ts) and the terminal count. */
export const { strWidth } = require('blessed/lib/unicode') as { strWidth(text: string): number };

/** Peer text fitted to exactly `width` columns (cut with `~`, or padded), tags escaped. */
export function cell(text: string, width: number): string {
  const safe = screenSafe(text);
  if (width <= 0) return '';
  if (strWidth(safe) <= width) return escapeTags(safe + ' '.repeat(width - strWidth(safe)));
  let out = '';
  for (const char of safe) {
    if (strWidth(out + char) > width - 1) break;
    out += char;
  }
  return escapeTags(out + '~' + ' '.repeat(Math.max(0, width - 1 - strWidth(out))));
}
