import DHT from 'hyperdht';
import type { KeyPair } from 'hypercore-crypto';
import { LIMITS } from '../../wire/limits';
import { startBlindRelay, type RelayStats } from './blind-relay-server';

export type { RelayStats } from './blind-relay-server';

export interface SeedOptions {
  /** The address the nodes bind and members are given (a LAN or public IPv4). */
  host: string;
  /** The first node's UDP port: the `--dht-bootstrap` members are given (0: any). */
  port: number;
  /** The blind relay's key pair, kept across restarts so members' `--relay` stays good. */
  relayKeyPair: KeyPair;
  /** DHT nodes to run (LIMITS.seedDhtNodes). */
  nodes?: number;
}

export interface Seed {
  bootstrap: { host: string; port: number };
  relayKey: string;
  nodes: number;
  relayStats(): RelayStats;
  close(): Promise<void>;
}

/**
 * `peer-tui seed`: a DHT of its own for a class (no other address is contacted: the nodes
 * bootstrap from each other) and a blind relay (Holepunch's blind-relay, which forwards
 * Noise-encrypted bytes it cannot read) on the first node, listening on `relayKeyPair`.
 */
/** Nodes that stay in the DHT's routing tables (on an address others reach). */
const PERSISTENT = { ephemeral: false, firewalled: false };

export async function startSeed(options: SeedOptions): Promise<Seed> {
  const count = Math.max(1, options.nodes ?? LIMITS.seedDhtNodes);
  const { host } = options;
  const nodes: DHT[] = [];
  // bootstrap [], never hyperdht's public nodes: the seed's nodes know only each other.
  const first = new DHT({ bootstrap: [], port: options.port, host, ...PERSISTENT });
  nodes.push(first);
  try {
    await first.fullyBootstrapped();
    const bootstrap = { host, port: first.address().port };
    // hyperdht binds another port when the one asked for is taken: students would be
    // given an address nobody answers at.
    if (options.port !== 0 && bootstrap.port !== options.port)
      throw new Error(`UDP port ${options.port} on ${host} is taken (EADDRINUSE)`);
    while (nodes.length < count) {
      const node = new DHT({ bootstrap: [bootstrap], host, ...PERSISTENT });
      nodes.push(node);
      await node.fullyBootstrapped();
    }
    const relay = await startBlindRelay(first, options.relayKeyPair, LIMITS.seedRelaySessions);
    return {
      bootstrap,
      relayKey: relay.key,
      nodes: count,
      relayStats: relay.stats,
      close: async () => {
        await relay.close();
        for (const node of nodes) await node.destroy();
      },
    };
  } catch (error) {
    for (const node of nodes) await node.destroy().catch(() => undefined);
    throw error;
  }
}
