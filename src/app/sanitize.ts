/**
 * Characters a peer must never get to the terminal raw: C0 controls and DEL (cursor moves,
 * ESC sequences, BEL, CR overwrites), C1 controls (8-bit CSI/OSC on some terminals), bidi
 * overrides and invisible characters (text that reads other than it is), line separators
 * and lone surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udfff]/gu;
// Most text has nothing unsafe: a test is twice as fast as a replace that finds nothing.
const ANY_UNSAFE = new RegExp(UNSAFE.source, 'u');

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** Peer text made safe to print: every unsafe character shown visibly, irssi-style (`^[`). */
export function sanitize(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, visible) : text;
}

/** JSON whose strings carry no raw control, C1, bidi or separator character. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
