import { Recently } from '../../src/core/recently';

describe('Recently', () => {
  it('is due once per window', () => {
    const recently = new Recently(1000);
    expect(recently.due('a', 0)).toBe(true);
    expect(recently.due('a', 999)).toBe(false);
    expect(recently.due('a', 1000)).toBe(true);
  });

  it('with an endless window, answers "never seen before?", forgetting the oldest past capacity', () => {
    const recently = new Recently(Infinity, 2);
    expect(['x', 'y', 'x'].map((key) => recently.due(key))).toEqual([true, true, false]);
    recently.due('z');
    expect(recently.due('x')).toBe(true);
    expect(recently.due('z')).toBe(false);
  });
});
