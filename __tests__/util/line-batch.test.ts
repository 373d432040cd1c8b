import fc from 'fast-check';
import { LineBatch } from '../../src/util/line-batch';

/** A batch whose `onFull` writes out, as its users do; returns everything written. */
function collect(lines: string[], capacity: number, copy: boolean): Buffer {
  const written: Buffer[] = [];
  // A view is written before more is added: copy it here, as a write would have used it.
  const writeOut = (): void => {
    written.push(Buffer.from(batch.take(copy)));
  };
  const batch = new LineBatch(writeOut, capacity);
  lines.forEach((line, i) => {
    batch.add(line);
    if (i % 7 === 6) writeOut();
  });
  writeOut();
  return Buffer.concat(written);
}

describe('LineBatch', () => {
  it('starts empty and is empty again after take', () => {
    const batch = new LineBatch(() => {});
    expect(batch.isEmpty).toBe(true);
    batch.add('a');
    expect(batch.isEmpty).toBe(false);
    expect(batch.take().toString()).toBe('a\n');
    expect(batch.isEmpty).toBe(true);
  });

  it('asks for a write-out when the next line does not fit, then grows for a huge line', () => {
    let fulls = 0;
    const batch: LineBatch = new LineBatch(() => {
      fulls += 1;
      batch.take();
    }, 16);
    batch.add('12345');
    expect(fulls).toBe(0);
    batch.add('x'.repeat(40));
    expect(fulls).toBe(1);
    expect(batch.take().toString()).toBe(`${'x'.repeat(40)}\n`);
  });

  it('a copy survives later lines; a view is the same memory', () => {
    const batch = new LineBatch(() => {}, 64);
    batch.add('first');
    const copy = batch.take(true);
    batch.add('other');
    expect(copy.toString()).toBe('first\n');
    const view = batch.take();
    batch.add('third');
    expect(view.toString()).toBe('third\n');
  });

  it('writes exactly the UTF-8 of the lines, each ended by LF, whatever the capacity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 40 }),
        fc.integer({ min: 4, max: 200 }),
        fc.boolean(),
        (lines, capacity, copy) => {
          const expected = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
          expect(collect(lines, capacity, copy).equals(expected)).toBe(true);
        },
      ),
    );
  });

  it('encodes a lone surrogate as U+FFFD, as a string write would', () => {
    const batch = new LineBatch(() => {}, 8);
    batch.add('a\ud800b');
    expect(batch.take().equals(Buffer.from('a\ud800b\n', 'utf8'))).toBe(true);
  });
});
