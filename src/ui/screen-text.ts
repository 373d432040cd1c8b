import { sanitize } from '../app/sanitize';

// blessed's own width table: a combining mark it does not know it counts as one column.
const blessedUnicode = require('blessed/lib/unicode') as { combining: Record<number, boolean> };

const EMOJI = /\p{Emoji_Presentation}/u;
const MARK = /\p{M}/u;
const MAX_MARKS_PER_CHARACTER = 2;

function code(char: string): string {
  return `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Where blessed and the terminal would disagree on a character's width, the rest of the
 * row shifts and can cross a panel border. Such characters are shown as `<U+XXXX>`:
 * astral characters (emoji among them: blessed 0.1.81 drops or doubles some of a run of
 * them), BMP emoji (blessed counts them as one column, terminals as two), and combining
 * marks blessed does not know or that pile up.
 */
function fitWidths(text: string): string {
  let out = '';
  let marks = 0;
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (point === 0xfe0e || point === 0xfe0f) continue; // presentation selectors change widths
    if (MARK.test(char)) {
      marks += 1;
      out +=
        blessedUnicode.combining[point] === true && marks <= MAX_MARKS_PER_CHARACTER
          ? char
          : code(char);
      continue;
    }
    marks = 0;
    out += point > 0xffff || EMOJI.test(char) ? code(char) : char;
  }
  return out;
}

/** blessed tags in peer text are shown literally. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (brace) => (brace === '{' ? '{open}' : '{close}'));
}

/** Any peer-controlled string, ready for a blessed element with `tags: true`. */
export function forScreen(text: string): string {
  return escapeTags(fitWidths(sanitize(text)));
}

const { strWidth } = require('blessed/lib/unicode') as { strWidth(text: string): number };

/** Peer text fitted to exactly `width` columns (cut with `~`, or padded), tags escaped. */
export function cell(text: string, width: number): string {
  const safe = fitWidths(sanitize(text));
  if (width <= 0) return '';
  if (strWidth(safe) <= width) return escapeTags(safe + ' '.repeat(width - strWidth(safe)));
  let out = '';
  for (const char of safe) {
    if (strWidth(out + char) > width - 1) break;
    out += char;
  }
  return escapeTags(out + '~' + ' '.repeat(Math.max(0, width - 1 - strWidth(out))));
}
