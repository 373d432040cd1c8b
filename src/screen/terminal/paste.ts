/** What the terminal sent, split into keys (for blessed) and pasted text (for the input). */
export type InputPart = { kind: 'keys'; data: string } | { kind: 'paste'; text: string };

/** xterm's bracketed paste: the terminal wraps a paste in these once `ESC[?2004h` asks it to. */
export const PASTE_START = '\u001b[200~';
export const PASTE_END = '\u001b[201~';
export const BRACKETED_PASTE_ON = '\u001b[?2004h';
export const BRACKETED_PASTE_OFF = '\u001b[?2004l';

/** The most text one paste collects; the rest of a larger paste is dropped, not held. */
export const MAX_PASTE_CHARS = 64 * 1024;

/** A newline followed by more text in one read: nobody types that fast, so it was pasted. */
const NEWLINE_THEN_TEXT = /[\r\n][^\u0000-\u001f\u007f]/;

/** How much of `text`'s end could be the start of `marker` (a marker split across reads). */
function partialMarkerAt(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--)
    if (text.endsWith(marker.slice(0, length))) return length;
  return 0;
}

/**
 * Tells a paste from typing, from the bytes the terminal sent and never from where the
 * cursor is: text between bracketed-paste markers is a paste; without markers, a read that
 * holds a newline followed by more text (and no escape sequence) is one too. Pure: fed
 * chunks, it returns parts in order, holding back only a paste's end marker split across reads.
 */
export class PasteFilter {
  private pasting = false;
  private paste = '';
  private held = '';

  push(chunk: string): InputPart[] {
    let data = this.held + chunk;
    this.held = '';
    const parts: InputPart[] = [];
    while (data.length > 0) {
      const marker = this.pasting ? PASTE_END : PASTE_START;
      const at = data.indexOf(marker);
      if (at === -1) {
        // Only a paste's end is held back: a lone Escape key must reach blessed at once, and
        // a paste's start comes first in its write, so it is not split from its text.
        const partial = this.pasting ? partialMarkerAt(data, marker) : 0;
        this.held = data.slice(data.length - partial);
        this.take(data.slice(0, data.length - partial), parts);
        break;
      }
      this.take(data.slice(0, at), parts);
      data = data.slice(at + marker.length);
      if (this.pasting) parts.push({ kind: 'paste', text: this.paste });
      this.pasting = !this.pasting;
      this.paste = '';
    }
    return parts;
  }

  private take(text: string, parts: InputPart[]): void {
    if (text === '') return;
    if (this.pasting) {
      this.paste = (this.paste + text).slice(0, MAX_PASTE_CHARS);
      return;
    }
    const pasted = !text.includes('\u001b') && NEWLINE_THEN_TEXT.test(text);
    parts.push(pasted ? { kind: 'paste', text } : { kind: 'keys', data: text });
  }
}

/** Pasted text as input-line text: every line break one `\n`. */
export function pastedLines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
