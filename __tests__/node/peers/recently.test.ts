import { Recently } from '../../../src/node/peers/recently';

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

  it('remembers at least the last half of its capacity, at most all of it', () => {
    const recently = new Recently(Infinity, 100);
    for (let i = 0; i < 1000; i++) recently.due(`k${i}`);
    const remembered = Array.from({ length: 1000 }, (_, i) => !recently.due(`k${999 - i}`, 0));
    const count = remembered.indexOf(false);
    expect(count).toBeGreaterThanOrEqual(50);
    expect(count).toBeLessThanOrEqual(100);
  });
});
