import { hash } from 'hypercore-crypto';

/** An Ed25519 public key as peer-tui writes it: 64 hex digits. */
export const KEY_HEX = /^[0-9a-f]{64}$/;

/**
 * A short, readable name for a key: the first 8 bytes of its BLAKE2b hash as four groups of
 * four hex digits (`3f2a 9c1b 77de 0a45`). Short enough to read aloud; a collision needs
 * about 2^32 keys made on purpose, so it names a key, and `/whois` shows the whole key.
 */
export function fingerprint(keyHex: string): string {
  const digest = hash(Buffer.from(keyHex, 'hex')).toString('hex').slice(0, 16);
  return digest.replace(/(.{4})(?!$)/g, '$1 ');
}

/**
 * The code two people read to each other (`/verify`): the same on both screens because it
 * comes from both keys in a fixed order, as Signal's safety numbers do. Someone in the
 * middle shows each side a key of his own, so the two screens would differ. Ten digits in
 * two groups.
 */
export function safetyCode(keyHexA: string, keyHexB: string): string {
  const [low, high] = [keyHexA, keyHexB].sort();
  const digest = hash([Buffer.from('peer-tui safety code'), Buffer.from(`${low}${high}`, 'hex')]);
  const number = digest.readBigUInt64BE(0) % 10_000_000_000n;
  const digits = number.toString().padStart(10, '0');
  return `${digits.slice(0, 5)} ${digits.slice(5)}`;
}

/** What someone typed as a code, compared without its spaces. */
export function sameCode(typed: string, code: string): boolean {
  return typed.replace(/\s+/g, '') === code.replace(/\s+/g, '');
}
