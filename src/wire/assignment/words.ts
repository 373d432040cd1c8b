/**
 * Control words other implementations send as the text of a message (findings.md).
 * Compared trimmed and case-insensitively.
 */
const LEAVE_WORDS = new Set(['exit', 'quit', '[peer_quit]', 'disconnect']);

const CONNECT_WORDS = new Set([
  'connect',
  'connecting',
  'connect_request',
  'connection_request',
  'handshake',
  'connected',
  'connected!',
  'connection message',
  'connection request',
  'connection established',
  'hello, i am connecting!',
  'sent connection!',
]);

export type ControlWord = 'leave' | 'connect';

const WORDS = [...LEAVE_WORDS, ...CONNECT_WORDS];
const LONGEST_WORD = Math.max(...WORDS.map((word) => word.length));
/** The first letters of the words, either case: most chat starts with none of them. */
const FIRST = new Set(WORDS.flatMap((word) => [word[0] ?? '', (word[0] ?? '').toUpperCase()]));
const EDGE_SPACE = /^\s|\s$/;

export function classifyWord(text: string): ControlWord | null {
  // Cheap refusals before a trimmed, lowered copy of every message: a first character
  // no word starts with, or a text longer than any word.
  if (!EDGE_SPACE.test(text) && (!FIRST.has(text[0] ?? '') || text.length > LONGEST_WORD))
    return null;
  const word = text.trim().toLowerCase();
  if (LEAVE_WORDS.has(word)) return 'leave';
  if (CONNECT_WORDS.has(word)) return 'connect';
  return null;
}

/**
 * A control word alone where the name would be (`IP:PORT DISCONNECT`): the words above,
 * and `DISCONNECTED`, which one sender writes to leave (never a leave as chat text: a
 * peer may well say "disconnected").
 */
export function classifyNameWord(text: string): ControlWord | null {
  return classifyWord(text) ?? (text.toLowerCase() === 'disconnected' ? 'leave' : null);
}

/** What we send for each control word: the forms every receiver in findings.md knows. */
export const SENT_WORDS = { leave: 'exit', connect: 'connect' } as const;
