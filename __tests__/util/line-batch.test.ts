import fc from 'fast-check';
import { LineBatch } from '../../src/util/line-batch';

/** A batch written out as its users do (the view copied during the call). */
function collecting(capacity?: number): { batch: LineBatch; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const batch = new LineBatch((bytes) => writes.push(Buffer.from(bytes)), capacity);
  return { batch, writes };
}

/** Everything written for `lines`, flushed now and then as a caller would. */
function collect(lines: string[], capacity: number): Buffer {
  const { batch, writes } = collecting(capacity);
  lines.forEach((line, i) => {
    batch.add(line);
    if (i % 7 === 6) batch.flush();
  });
  batch.flush();
  return Buffer.concat(writes);
}

describe('LineBatch', () => {
  it('writes nothing when empty, and nothing twice', () => {
    const { batch, writes } = collecting();
    batch.flush();
    expect(writes).toEqual([]);
    batch.add('a');
    batch.flush();
    batch.flush();
    expect(writes.map(String)).toEqual(['a\n']);
  });

  it('writes out when the next line does not fit, then grows for a huge line', () => {
    const { batch, writes } = collecting(16);
    batch.add('12345');
    expect(writes).toEqual([]);
    batch.add('x'.repeat(40));
    expect(writes.map(String)).toEqual(['12345\n']);
    batch.flush();
    expect(writes.map(String)).toEqual(['12345\n', `${'x'.repeat(40)}\n`]);
  });

  it('writes by itself at the end of the turn', async () => {
    const { batch, writes } = collecting();
    batch.add('one');
    batch.add('two');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes.map(String)).toEqual(['one\ntwo\n']);
  });

  it('hands out a view of its memory: valid during the call only', () => {
    const views: Buffer[] = [];
    const batch = new LineBatch((bytes) => views.push(bytes), 64);
    batch.add('first');
    batch.flush();
    batch.add('third');
    expect(views[0]?.toString()).toBe('third\n');
    batch.flush();
  });

  it('writes exactly the UTF-8 of the lines, each ended by LF, whatever the capacity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 40 }),
        fc.integer({ min: 4, max: 200 }),
        (lines, capacity) => {
          const expected = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
          expect(collect(lines, capacity).equals(expected)).toBe(true);
        },
      ),
    );
  });

  it('encodes a lone surrogate as U+FFFD, as a string write would', () => {
    const { batch, writes } = collecting(8);
    batch.add('a\ud800b');
    batch.flush();
    expect(Buffer.concat(writes).equals(Buffer.from('a\ud800b\n', 'utf8'))).toBe(true);
  });
});
