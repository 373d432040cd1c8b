import { inboundLimit, openFilesLimit } from '../../../src/carriers/tcp/fd-limit';
import { WarningThrottle } from '../../../src/node/warning-throttle';
import type { Warning } from '../../../src/node/events';

describe('inboundLimit', () => {
  it('stays below the open-files limit, within a floor and the default cap', () => {
    expect(inboundLimit(64)).toBe(32);
    expect(inboundLimit(20)).toBe(8);
    expect(inboundLimit(20_000)).toBe(16_384);
    expect(inboundLimit(undefined)).toBe(16_384);
    expect(inboundLimit(20_000, 1024)).toBe(1024);
    expect(inboundLimit(64, 1024)).toBe(32);
    expect(openFilesLimit()).toBeGreaterThan(0);
  });
});

describe('WarningThrottle', () => {
  it('passes ordinary warnings, and of a flood the first and then a count', () => {
    jest.useFakeTimers();
    const seen: Warning[] = [];
    const throttle = new WarningThrottle((w) => seen.push(w), 1000);
    throttle.report({ code: 'E_FORGED_LEAVE', message: 'a' });
    throttle.report({ code: 'E_FORGED_LEAVE', message: 'b' });
    for (let i = 0; i < 500; i++) throttle.report({ code: 'E_SLOW', message: `slow ${i}` });
    expect(seen.map((w) => w.message)).toEqual(['a', 'b', 'slow 0']);
    jest.advanceTimersByTime(1000);
    expect(seen.at(-1)).toEqual({ code: 'E_SLOW', message: '499 more like this in the last 1 s' });
    jest.advanceTimersByTime(5000);
    expect(seen).toHaveLength(4);
    throttle.close();
    jest.useRealTimers();
  });
});
