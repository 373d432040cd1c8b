/**
 * Characters a peer must never get to the terminal raw, nor into a file name: C0 controls
 * and DEL (cursor moves, ESC sequences, BEL, CR overwrites), C1 controls (8-bit CSI/OSC on
 * some terminals), bidi overrides and invisible characters (text that reads other than it
 * is: `a\u202Etxt.exe`), line separators and lone surrogates.
 */
export const UNSAFE_CHARS =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udfff]/gu;
