import fc from 'fast-check';
import { normaliseIp, parseAddress } from '../../src/wire/address';

describe('parseAddress', () => {
  it.each([
    ['127.0.0.1:8080', '127.0.0.1:8080'],
    ['10.206.4.201:8080', '10.206.4.201:8080'],
    ['[::1]:9090', '[::1]:9090'],
    ['[::ffff:127.0.0.1]:9090', '127.0.0.1:9090'],
    ['::ffff:127.0.0.1:9090', '127.0.0.1:9090'],
    ['[2001:DB8:0:0::1]:1', '[2001:db8::1]:1'],
    ['1.2.3.4:65535', '1.2.3.4:65535'],
  ])('accepts %s as %s', (text, key) => {
    const result = parseAddress(text);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ key }) });
  });

  it.each([
    ['010.0.0.1:80', 'E_BAD_ADDRESS'],
    ['0x7f.0.0.1:80', 'E_BAD_ADDRESS'],
    ['127.1:80', 'E_BAD_ADDRESS'],
    ['256.0.0.1:80', 'E_BAD_ADDRESS'],
    ['127.0.0.1:0', 'E_BAD_PORT'],
    ['127.0.0.1:65536', 'E_BAD_PORT'],
    ['127.0.0.1:080', 'E_BAD_PORT'],
    ['127.0.0.1:', 'E_BAD_PORT'],
    [':80', 'E_BAD_ADDRESS'],
    ['127.0.0.1', 'E_BAD_ADDRESS'],
    ['::1:80', 'E_BAD_ADDRESS'],
    ['host.example:80', 'E_BAD_ADDRESS'],
    ['', 'E_BAD_ADDRESS'],
  ])('rejects %s with %s', (text, code) => {
    const result = parseAddress(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('round-trips every IPv4 address and port through its key', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        const result = parseAddress(`${ip}:${port}`);
        const expected = normaliseIp(ip);
        if (expected === null) return !result.ok; // fast-check's ipV4 includes no odd spellings
        return result.ok && result.value.key === `${expected}:${port}`;
      }),
    );
  });

  it('on any text: an accepted address reads back as itself; a refusal has a stable code', () => {
    const text = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.oneof(
            fc.ipV4(),
            fc.ipV6().map((ip) => `[${ip}]`),
            fc.string(),
          ),
          fc.string(),
        )
        .map(([host, port]) => `${host}:${port}`),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = parseAddress(input);
        if (!result.ok) return ['E_BAD_ADDRESS', 'E_BAD_PORT'].includes(result.error.code);
        const again = parseAddress(result.value.key);
        return again.ok && again.value.key === result.value.key;
      }),
      { numRuns: 2000 },
    );
  });
});
