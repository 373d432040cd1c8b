import { RenderPacer } from '../../src/ui/render-pacer';

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
});
