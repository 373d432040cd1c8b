import { FlushScheduler } from '../../src/util/flush-scheduler';

describe('FlushScheduler', () => {
  afterEach(() => jest.useRealTimers());

  it('flushes once per burst, at the end of the turn when quiet', async () => {
    let flushes = 0;
    const scheduler = new FlushScheduler(() => (flushes += 1), 1);
    for (let i = 0; i < 100; i++) scheduler.schedule();
    expect(flushes).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushes).toBe(1);
  });

  it('waits the busy delay when it flushed a moment ago', () => {
    jest.useFakeTimers({ now: 1000 });
    let flushes = 0;
    const scheduler = new FlushScheduler(() => (flushes += 1), 5);
    scheduler.schedule();
    jest.runOnlyPendingTimers(); // the immediate
    expect(flushes).toBe(1);
    scheduler.schedule();
    jest.advanceTimersByTime(4);
    expect(flushes).toBe(1);
    jest.advanceTimersByTime(1);
    expect(flushes).toBe(2);
  });
});
