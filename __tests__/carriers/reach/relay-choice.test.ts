import { relayChoice } from '../../../src/carriers/reach/relay-choice';

const a = 'aa'.repeat(32);
const b = 'bb'.repeat(32);
const m = 'cc'.repeat(32);
const open = { dht: { randomized: false } };
const randomised = { dht: { randomized: true } };

describe("Hyperswarm's relayThrough", () => {
  it('is none without relays given or lent, even when forced', () => {
    expect(relayChoice([])(true, randomised)).toBeNull();
  });

  it('gives no relay while a direct connection may work', () => {
    expect(relayChoice([a])(false, open)).toBeNull();
    expect(relayChoice([], () => [m])(false, randomised)).toBeNull();
  });

  it('gives a relay given once hole punching failed, or behind a NAT that randomises ports', () => {
    expect(relayChoice([a])(true, open)?.toString('hex')).toBe(a);
    expect(relayChoice([a])(false, randomised)?.toString('hex')).toBe(a);
  });

  it("spreads a class over the relays given, and prefers them to a member's", () => {
    expect(
      relayChoice(
        [a, b],
        () => [m],
        () => 0,
      )(true, open)?.toString('hex'),
    ).toBe(a);
    expect(
      relayChoice(
        [a, b],
        () => [m],
        () => 0.99,
      )(true, open)?.toString('hex'),
    ).toBe(b);
  });

  it('with none given, one a member lends, once relaying is forced', () => {
    expect(relayChoice([], () => [m])(true, open)?.toString('hex')).toBe(m);
    expect(relayChoice([], () => [])(true, open)).toBeNull();
  });
});
