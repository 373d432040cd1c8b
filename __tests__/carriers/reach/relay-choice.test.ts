import { relayChoice } from '../../../src/carriers/reach/relay-choice';

const a = 'aa'.repeat(32);
const b = 'bb'.repeat(32);
const open = { dht: { randomized: false } };
const randomised = { dht: { randomized: true } };

describe("Hyperswarm's relayThrough from --relay", () => {
  it('is none without relays: Hyperswarm never relays', () => {
    expect(relayChoice([])).toBeUndefined();
  });

  it('gives no relay while a direct connection may work', () => {
    expect(relayChoice([a])?.(false, open)).toBeNull();
  });

  it('gives a relay once hole punching failed, or behind a NAT that randomises ports', () => {
    expect(relayChoice([a])?.(true, open)?.toString('hex')).toBe(a);
    expect(relayChoice([a])?.(false, randomised)?.toString('hex')).toBe(a);
  });

  it('spreads a class over the relays given', () => {
    expect(relayChoice([a, b], () => 0)?.(true, open)?.toString('hex')).toBe(a);
    expect(relayChoice([a, b], () => 0.99)?.(true, open)?.toString('hex')).toBe(b);
  });
});
