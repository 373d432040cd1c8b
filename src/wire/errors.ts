/**
 * Stable error codes. Each is listed in docs/protocol.md with what the node does about it.
 * Codes never change meaning; new ones are only added.
 */
export const ERROR_CODES = [
  'E_EMPTY',
  'E_NO_HEADER',
  'E_BAD_ADDRESS',
  'E_BAD_PORT',
  'E_NO_NAME',
  'E_BAD_JSON',
  'E_BAD_FIELDS',
  'E_FRAME_TOO_LARGE',
  'E_INTERNAL',
  'E_SLOW',
  'E_UNPARSED_FLOOD',
  'E_EVICTED',
  'E_KEY_CHANGED',
  'E_LINK_HANDSHAKE',
  'E_LINK_ADDRESS',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
