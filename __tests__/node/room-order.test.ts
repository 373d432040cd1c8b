import fc from 'fast-check';
import { inShownOrder, type LoggedEntry } from '../../src/node/room-order';

const NOW = 1_800_000_000_000;
const KEYS = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));

/**
 * Entries of a few logs, made one after another (a random order of authors): each names,
 * for a random set of the other logs, how much of them its author had seen then, which is
 * what was written before it. Clocks are anything, the future included.
 */
const room = fc
  .array(
    fc.record({
      author: fc.integer({ min: 0, max: KEYS.length - 1 }),
      at: fc.integer({ min: 0, max: NOW * 2 }),
      sees: fc.array(fc.boolean(), { minLength: KEYS.length, maxLength: KEYS.length }),
    }),
    { maxLength: 24 },
  )
  .map((steps) => {
    const lengths = KEYS.map(() => 0);
    return steps.map(({ author, at, sees }): LoggedEntry => {
      const key = KEYS[author] ?? '';
      const seen = KEYS.flatMap((other, i): [string, number][] =>
        i !== author && sees[i] && (lengths[i] ?? 0) > 0 ? [[other, lengths[i] ?? 0]] : [],
      );
      const seq = lengths[author] ?? 0;
      lengths[author] = seq + 1;
      return { key, seq, entry: { v: 1, id: '0'.repeat(16), name: '', text: '', at, seen } };
    });
  });

describe('the order a room is shown in', () => {
  it('keeps each log in order, puts nothing above what its author had seen, and nothing in the future', () => {
    fc.assert(
      fc.property(room, (entries) => {
        const shown = inShownOrder(entries, NOW);
        const position = new Map(shown.map(({ item }, i) => [`${item.key} ${item.seq}`, i]));
        for (const [i, { item, at }] of shown.entries()) {
          expect(at).toBeLessThanOrEqual(NOW);
          if (item.seq > 0) expect(position.get(`${item.key} ${item.seq - 1}`)).toBeLessThan(i);
          for (const [key, length] of item.entry.seen)
            expect(position.get(`${key} ${length - 1}`)).toBeLessThan(i);
        }
      }),
    );
  });

  it('a clock set far back cannot put a line above what it answers', () => {
    const question: LoggedEntry = {
      key: KEYS[0] ?? '',
      seq: 0,
      entry: { v: 1, id: '1'.repeat(16), name: 'amy', text: 'who?', at: NOW - 1000, seen: [] },
    };
    const answer: LoggedEntry = {
      key: KEYS[1] ?? '',
      seq: 0,
      entry: {
        v: 1,
        id: '2'.repeat(16),
        name: 'bob',
        text: 'me',
        at: 0,
        seen: [[KEYS[0] ?? '', 1]],
      },
    };
    expect(inShownOrder([answer, question], NOW).map(({ item }) => item.entry.text)).toEqual([
      'who?',
      'me',
    ]);
  });

  it('orders ten thousand entries of one log without running out of stack', () => {
    const entries: LoggedEntry[] = Array.from({ length: 10_000 }, (_, seq) => ({
      key: KEYS[0] ?? '',
      seq,
      entry: { v: 1, id: '0'.repeat(16), name: '', text: `${seq}`, at: NOW - seq, seen: [] },
    }));
    const shown = inShownOrder(entries.reverse(), NOW);
    expect(shown.map(({ item }) => item.seq)).toEqual(entries.map((_, i) => i));
  });

  it('a clock naming a later entry (a cycle) is shown, last', () => {
    const a: LoggedEntry = {
      key: KEYS[0] ?? '',
      seq: 0,
      entry: { v: 1, id: '1'.repeat(16), name: '', text: 'a', at: 5, seen: [[KEYS[1] ?? '', 1]] },
    };
    const b: LoggedEntry = {
      key: KEYS[1] ?? '',
      seq: 0,
      entry: { v: 1, id: '2'.repeat(16), name: '', text: 'b', at: 6, seen: [[KEYS[0] ?? '', 1]] },
    };
    const c: LoggedEntry = { ...a, key: KEYS[2] ?? '', entry: { ...a.entry, text: 'c', seen: [] } };
    expect(inShownOrder([a, b, c], NOW).map(({ item }) => item.entry.text)).toEqual([
      'c',
      'a',
      'b',
    ]);
  });
});
