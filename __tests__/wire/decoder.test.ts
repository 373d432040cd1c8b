import fc from 'fast-check';
import { LineDecoder } from '../../src/wire/decoder';

/** Feeds `chunks`, then takes the tail as the end of the connection would. */
function decodeAll(chunks: Buffer[], maxBytes?: number): string[] | 'too-large' {
  const decoder = new LineDecoder(maxBytes);
  const out: string[] = [];
  for (const chunk of chunks) {
    const lines = decoder.push(chunk);
    if (!lines.ok) return 'too-large';
    out.push(...lines.value);
  }
  const tail = decoder.takeTail();
  if (tail !== null) out.push(tail);
  return out;
}

/** Cuts `bytes` at the given offsets. */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

describe('LineDecoder', () => {
  it('splits lines on LF and drops a CR before it', () => {
    expect(decodeAll([Buffer.from('a b c\r\nd e f\ng')])).toEqual(['a b c', 'd e f', 'g']);
  });

  it('keeps an unterminated message until the end', () => {
    const decoder = new LineDecoder();
    expect(decoder.push(Buffer.from('127.0.0.1:1 t hel'))).toEqual({ ok: true, value: [] });
    expect(decoder.hasTail).toBe(true);
    expect(decoder.push(Buffer.from('lo'))).toEqual({ ok: true, value: [] });
    expect(decoder.takeTail()).toBe('127.0.0.1:1 t hello');
    expect(decoder.takeTail()).toBeNull();
  });

  it('decodes a character split across chunks', () => {
    const bytes = Buffer.from('é€😀\n');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decodeAll(split(bytes, [cut]))).toEqual(['é€😀']);
    }
  });

  it('turns invalid UTF-8 into U+FFFD', () => {
    expect(decodeAll([Buffer.from([0x61, 0xff, 0xc3, 0x0a])])).toEqual(['a\ufffd\ufffd']);
  });

  it('drops a line over the cap, and an unterminated buffer over the cap', () => {
    expect(decodeAll([Buffer.alloc(20, 0x61), Buffer.from('\n')], 16)).toBe('too-large');
    expect(decodeAll([Buffer.alloc(10, 0x61), Buffer.alloc(10, 0x61)], 16)).toBe('too-large');
    expect(decodeAll([Buffer.alloc(16, 0x61), Buffer.from('\n')], 16)).toEqual(['a'.repeat(16)]);
  });

  it('never holds more than the cap, whatever arrives', () => {
    const decoder = new LineDecoder(1024);
    for (let i = 0; i < 100; i++) {
      const result = decoder.push(Buffer.alloc(100, 0x62));
      if (!result.ok) return expect(i).toBeLessThan(11);
    }
    throw new Error('a stream with no newline was held past the cap');
  });

  it('yields the same lines for every split of the same bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('\n', '\r\n', '\r', 'é', '😀', '\u0000')), {
          maxLength: 30,
        }),
        fc.uint8Array({ maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (parts, junk, cuts) => {
          const bytes = Buffer.concat([Buffer.from(parts.join('')), Buffer.from(junk)]);
          expect(decodeAll(split(bytes, cuts))).toEqual(decodeAll([bytes]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with a cap small enough that splits cross it: every split agrees with the rule (property)', () => {
    const cap = 8;
    /** The rule: any line, or the unterminated rest, over `cap` bytes drops the connection. */
    const expected = (bytes: Buffer): string[] | 'too-large' => {
      const segments: Buffer[] = [];
      for (let start = 0; ;) {
        const end = bytes.indexOf(0x0a, start);
        segments.push(bytes.subarray(start, end === -1 ? bytes.length : end));
        if (end === -1) break;
        start = end + 1;
      }
      if (segments.some((segment) => segment.length > cap)) return 'too-large';
      const last = segments.at(-1)?.length === 0 ? segments.slice(0, -1) : segments;
      return last.map((segment) => {
        const text = segment.toString('utf8');
        return text.endsWith('\r') ? text.slice(0, -1) : text;
      });
    };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('\n', '\r\n', 'é', '😀')), {
          maxLength: 12,
        }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (parts, cuts) => {
          const bytes = Buffer.from(parts.join(''));
          expect(decodeAll(split(bytes, cuts), cap)).toEqual(expected(bytes));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('LineDecoder.feed', () => {
  it('hands each complete line over in order, and stops when told', () => {
    const decoder = new LineDecoder();
    const seen: string[] = [];
    const tooLarge: string[] = [];
    decoder.feed(
      Buffer.from('one\ntwo\r\nthr'),
      (line) => void seen.push(line),
      (e) => tooLarge.push(e.code),
    );
    expect(seen).toEqual(['one', 'two']);
    decoder.feed(
      Buffer.from('ee\nstop\nnever\n'),
      (line) => seen.push(line) > 0 && line !== 'stop',
      (e) => tooLarge.push(e.code),
    );
    expect(seen).toEqual(['one', 'two', 'three', 'stop']);
    expect(tooLarge).toEqual([]);
  });

  it('a frame past the cap goes to its handler, and no line', () => {
    const decoder = new LineDecoder(8);
    const seen: string[] = [];
    const tooLarge: string[] = [];
    decoder.feed(
      Buffer.from('0123456789\nok\n'),
      (line) => void seen.push(line),
      (e) => tooLarge.push(e.code),
    );
    expect(seen).toEqual([]);
    expect(tooLarge).toEqual(['E_FRAME_TOO_LARGE']);
  });
});
