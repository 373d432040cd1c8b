import fc from 'fast-check';
import { formatStd, splitForStd } from '../../../src/wire/assignment/format';
import { parseMessage } from '../../../src/wire/assignment/dialects';
import { formatCapabilityReply, parseCapabilityReply } from '../../../src/wire/link';

describe('format', () => {
  it('writes the assignment form with no terminator', () => {
    expect(formatStd('10.206.4.201:8080', 'blockchain', 'hello')).toBe(
      '10.206.4.201:8080 blockchain hello',
    );
  });

  it('parses back what it formats', () => {
    const text = formatStd('127.0.0.1:8080', 'P1', 'hello , you there');
    expect(parseMessage(text, { sourceIp: '127.0.0.1' })).toMatchObject({
      name: 'P1',
      text: 'hello , you there',
    });
  });

  it('splits long text so every message fits one 1024-byte recv, losing nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), (text) => {
        const header = '[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535 ' + 'n'.repeat(32);
        const parts = splitForStd(text, 'n'.repeat(32));
        for (const part of parts)
          expect(Buffer.byteLength(`${header} ${part}`)).toBeLessThanOrEqual(1024);
        expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips the capability reply', () => {
    expect(parseCapabilityReply(formatCapabilityReply('127.0.0.1:9 bob', true, 2))).toMatchObject({
      from: { key: '127.0.0.1:9' },
      name: 'bob',
      version: 2,
    });
    expect(parseCapabilityReply(formatCapabilityReply('127.0.0.1:9 bob', false, 1))).toMatchObject({
      version: 1,
    });
    expect(parseCapabilityReply('127.0.0.1:9 bob ack peer-tui/3')).toBeNull();
    expect(parseCapabilityReply('127.0.0.1:9 bob connected')).toBeNull();
  });
});
