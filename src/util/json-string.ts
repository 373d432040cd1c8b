// Characters JSON.stringify escapes in a string: quote, backslash, C0 controls, and
// surrogates (lone ones are escaped; pairs take the slow path too, which keeps them).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`, twice as fast for the common string with nothing to escape
 * (a hot path writes three per received message).
 */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * The same string, flattened now: a string built by concatenation is a tree that V8 copies
 * into one piece the first time it is read; one kept and reused is better read once.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
