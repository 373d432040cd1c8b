/** What Hyperswarm tells the chooser: whether our own NAT randomises ports. */
interface SwarmView {
  dht: { randomized?: boolean };
}

/**
 * Hyperswarm's `relayThrough`: none while a direct connection may work; a relay once
 * Hyperswarm forces relaying (hole punching failed: `HOLEPUNCH_ABORTED`, double random
 * NATs...), or at once when our own NAT randomises ports and relays were given
 * (`--relay`), where hole punching rarely works. A given relay is chosen at random so a
 * class spreads over them; with none given, one a member lends to its rooms (`lent()`),
 * only when forced: that member itself may be the one dialled, reached directly. The
 * relay forwards the Noise stream's bytes; it cannot read them.
 */
export function relayChoice(
  relays: string[],
  lent: () => string[] = () => [],
  random: () => number = Math.random,
): (force: boolean, swarm: SwarmView) => Buffer | null {
  const keys = relays.map((key) => Buffer.from(key, 'hex'));
  const pick = <T>(list: T[]): T | null => list[Math.floor(random() * list.length)] ?? null;
  return (force, swarm) => {
    if (keys.length > 0) return force || swarm.dht.randomized === true ? pick(keys) : null;
    if (!force) return null;
    const key = pick(lent());
    return key === null ? null : Buffer.from(key, 'hex');
  };
}
