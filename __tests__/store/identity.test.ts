import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_FILE, loadIdentity } from '../../src/store/identity';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peer-tui-identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the key file', () => {
  it('is made on first start, readable by its owner only, and kept across restarts', () => {
    const first = loadIdentity(dir);
    if (!first.ok) throw new Error(first.message);
    expect(first.created).toBe(true);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = loadIdentity(dir);
    if (!again.ok) throw new Error(again.message);
    expect(again.created).toBe(false);
    expect(again.keyPair.publicKey.equals(first.keyPair.publicKey)).toBe(true);
    expect(again.keyPair.secretKey.equals(first.keyPair.secretKey)).toBe(true);
  });

  it.each([0o640, 0o604, 0o644, 0o660])('is refused with mode %o, saying how to fix it', (mode) => {
    loadIdentity(dir);
    chmodSync(join(dir, KEY_FILE), mode);
    const refused = loadIdentity(dir);
    expect(refused).toMatchObject({ ok: false, code: 'E_KEY_FILE' });
    if (refused.ok) return;
    expect(refused.message).toContain('too open');
    expect(refused.message).toContain(`chmod 600 ${join(dir, KEY_FILE)}`);
    // The refusal never shows the key itself.
    const { secretKey } = JSON.parse(readFileSync(join(dir, KEY_FILE), 'utf8')) as {
      secretKey: string;
    };
    expect(refused.message).not.toContain(secretKey);
  });

  it('refuses a file that is not a key pair, or whose halves do not match', () => {
    writeFileSync(join(dir, KEY_FILE), 'not json', { mode: 0o600 });
    expect(loadIdentity(dir)).toMatchObject({ ok: false, code: 'E_KEY_FILE' });
    const one = mkdtempSync(join(tmpdir(), 'peer-tui-identity-'));
    const two = mkdtempSync(join(tmpdir(), 'peer-tui-identity-'));
    const a = JSON.parse((loadIdentity(one), readFileSync(join(one, KEY_FILE), 'utf8')));
    const b = JSON.parse((loadIdentity(two), readFileSync(join(two, KEY_FILE), 'utf8')));
    writeFileSync(
      join(dir, KEY_FILE),
      JSON.stringify({ publicKey: a.publicKey, secretKey: b.secretKey }),
      { mode: 0o600 },
    );
    expect(loadIdentity(dir)).toMatchObject({ ok: false, message: expect.stringMatching(/match/) });
    rmSync(one, { recursive: true });
    rmSync(two, { recursive: true });
  });
});
