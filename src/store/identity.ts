import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keyPair, validateKeyPair, type KeyPair } from 'hypercore-crypto';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { KEY_HEX } from '../wire/fingerprint';

export const KEY_FILE = 'identity.json';

const KeyFileSchema = z.object({
  publicKey: z.string().regex(KEY_HEX),
  secretKey: z.string().regex(/^[0-9a-f]{128}$/),
});

export type IdentityResult =
  | { ok: true; keyPair: KeyPair; created: boolean; path: string }
  | { ok: false; code: 'E_KEY_FILE'; message: string };

/**
 * This identity's Ed25519 key pair, made (through hypercore-crypto) on first start and kept
 * in `identity.json`, readable by its owner only. A file others may read is refused, as
 * OpenSSH refuses a private key with open permissions: a key others could copy proves
 * nothing. The secret key is never printed.
 */
export function loadIdentity(dir: string): IdentityResult {
  const path = join(dir, KEY_FILE);
  if (!existsSync(path)) return create(path);
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    const octal = mode.toString(8).padStart(4, '0');
    return refuse(
      `permissions ${octal} for ${path} are too open: others could copy this key. Run: chmod 600 ${path}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return refuse(`${path} is not a key file (not JSON); move it away to make a new key`);
  }
  const parsed = KeyFileSchema.safeParse(raw);
  if (!parsed.success)
    return refuse(`${path} does not hold a key pair; move it away to make a new key`);
  const pair: KeyPair = {
    publicKey: Buffer.from(parsed.data.publicKey, 'hex'),
    secretKey: Buffer.from(parsed.data.secretKey, 'hex'),
  };
  if (!validateKeyPair(pair))
    return refuse(`${path}: its public key does not match its secret key`);
  return { ok: true, keyPair: pair, created: false, path };
}

function create(path: string): IdentityResult {
  const pair = keyPair();
  const text = `${JSON.stringify({
    publicKey: pair.publicKey.toString('hex'),
    secretKey: pair.secretKey.toString('hex'),
  })}\n`;
  try {
    writeFileAtomic.sync(path, text, { mode: 0o600 });
  } catch (error) {
    return refuse(`cannot write ${path}: ${(error as Error).message}`);
  }
  return { ok: true, keyPair: pair, created: true, path };
}

function refuse(message: string): IdentityResult {
  return { ok: false, code: 'E_KEY_FILE', message };
}
