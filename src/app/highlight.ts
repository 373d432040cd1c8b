/**
 * Whether a message names you: your name or a `--highlight` word, as a whole word (letters,
 * digits and `_` do not continue it), in any case. Built once per set of words.
 */
export function highlighter(words: readonly string[]): (text: string) => boolean {
  const wanted = words.map((word) => word.trim()).filter((word) => word !== '');
  if (wanted.length === 0) return () => false;
  const escaped = wanted.map((word) => word.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`,
    'iu',
  );
  return (text) => pattern.test(text);
}
