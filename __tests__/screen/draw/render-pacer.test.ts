import { RenderPacer } from '../../../src/screen/draw/render-pacer';

describe('RenderPacer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function pacer(): { pacer: RenderPacer; draws: () => number } {
    let draws = 0;
    const p: RenderPacer = new RenderPacer(() => {
      draws += 1;
      p.drew();
    });
    return { pacer: p, draws: () => draws };
  }

  it('draws at once when nothing was drawn lately, then keeps the gap', () => {
    const { pacer: p, draws } = pacer();
    p.request(33);
    jest.advanceTimersByTime(0);
    expect(draws()).toBe(1);
    p.request(33);
    jest.advanceTimersByTime(32);
    expect(draws()).toBe(1);
    jest.advanceTimersByTime(1);
    expect(draws()).toBe(2);
  });

  it('lets a shorter request move a pending one forward, never a longer one back', () => {
    const { pacer: p, draws } = pacer();
    p.request(33);
    jest.advanceTimersByTime(0);
    p.request(33);
    p.request(8);
    p.request(33);
    jest.advanceTimersByTime(8);
    expect(draws()).toBe(2);
    jest.advanceTimersByTime(100);
    expect(draws()).toBe(2); // one draw answered all three requests
  });

  it('draws nothing after cancel', () => {
    const { pacer: p, draws } = pacer();
    p.request(33);
    p.cancel();
    jest.advanceTimersByTime(100);
    expect(draws()).toBe(0);
  });

  it("paces by the last draw's cost: a draw dearer than the gap waits as long as it took", () => {
    let draws = 0;
    const p: RenderPacer = new RenderPacer(() => {
      draws += 1;
      p.drew(120); // as with thousands of rows handed to blessed
    });
    p.request(33);
    jest.advanceTimersByTime(0);
    expect(draws).toBe(1);
    p.request(8); // even a key waits: drawing keeps to about half of the loop
    jest.advanceTimersByTime(119);
    expect(draws).toBe(1);
    jest.advanceTimersByTime(1);
    expect(draws).toBe(2);
    // Under a stream of requests over a second, at most one draw per 240 ms of time.
    for (let t = 0; t < 1000; t += 5) {
      p.request(33);
      jest.advanceTimersByTime(5);
    }
    expect(draws).toBeLessThanOrEqual(2 + Math.ceil(1000 / 120));
  });

  it('counts the gap from when a draw ended, not when it began', () => {
    let draws = 0;
    let clock = 1000;
    const p: RenderPacer = new RenderPacer(
      () => {
        draws += 1;
        clock += 20; // the draw took 20 ms of the clock
        p.drew(20);
      },
      () => clock,
    );
    p.request(33);
    jest.advanceTimersByTime(0);
    expect(draws).toBe(1);
    // Ended at 1020: the next may start at 1053, 53 ms after the first began.
    p.request(33);
    jest.advanceTimersByTime(32);
    expect(draws).toBe(1);
    jest.advanceTimersByTime(1);
    expect(draws).toBe(2);
  });

  it('draws a key in the same turn when its gap has passed, and schedules it when not', () => {
    const { pacer: p, draws } = pacer();
    p.request(8, true);
    expect(draws()).toBe(1); // no timer needed
    p.request(8, true); // just drawn: the gap has not passed
    expect(draws()).toBe(1);
    jest.advanceTimersByTime(8);
    expect(draws()).toBe(2);
    jest.advanceTimersByTime(50);
    p.request(33); // a message still waits for the timer
    expect(draws()).toBe(2);
  });
});
