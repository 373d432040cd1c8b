import { clock, stamp } from '../../src/app/time';

describe('time formats', () => {
  const at = new Date(2026, 10, 6, 9, 7, 5).getTime(); // local time

  it('clock is the local time of day, zero-padded', () => {
    expect(clock(at)).toBe('09:07:05');
  });

  it('stamp adds the local date', () => {
    expect(stamp(at)).toBe('2026-11-06 09:07:05');
  });
});
