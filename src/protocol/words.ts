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

export function classifyWord(text: string): ControlWord | null {
  const word = text.trim().toLowerCase();
  if (LEAVE_WORDS.has(word)) return 'leave';
  if (CONNECT_WORDS.has(word)) return 'connect';
  return null;
}

/** What we send for each control word: the forms every receiver in findings.md knows. */
export const SENT_WORDS = { leave: 'exit', connect: 'connect' } as const;
