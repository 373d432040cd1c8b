/** What Hyperswarm tells the chooser: whether our own NAT randomises ports. */
interface SwarmView {
  dht: { randomized?: boolean };
}

/**
 * Hyperswarm's `relayThrough`: none while a direct connection may work; one of the given
 * blind relays (`--relay`), at random so a class spreads over them, once Hyperswarm
 * forces relaying (hole punching failed: `HOLEPUNCH_ABORTED`, double random NATs...) or
 * our own NAT randomises ports, where hole punching rarely works. The relay forwards the
 * Noise stream's bytes; it cannot read them.
 */
export function relayChoice(
  relays: string[],
  random: () => number = Math.random,
): ((force: boolean, swarm: SwarmView) => Buffer | null) | undefined {
  if (relays.length === 0) return undefined;
  const keys = relays.map((key) => Buffer.from(key, 'hex'));
  return (force, swarm) =>
    force || swarm.dht.randomized === true
      ? (keys[Math.floor(random() * keys.length)] ?? null)
      : null;
}
