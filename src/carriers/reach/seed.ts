import DHT from 'hyperdht';
import type { KeyPair } from 'hypercore-crypto';
import type SecretStream from '@hyperswarm/secret-stream';
import { LIMITS } from '../../wire/limits';

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

export interface RelayStats {
  sessions: { active: number };
  pairings: { matched: number; active: number };
  streams: { active: number };
}

export interface Seed {
  bootstrap: { host: string; port: number };
  relayKey: string;
  nodes: number;
  relayStats(): RelayStats;
  close(): Promise<void>;
}

interface RelayServer {
  accept(stream: SecretStream, options: { id: Buffer | null | undefined }): NodeJS.EventEmitter;
  close(): Promise<void>;
  stats: RelayStats;
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
    // Loaded here: blind-relay has no types of its own (a hyperdht dependency).
    const { Server } = require('blind-relay') as {
      Server: new (options: { createStream(opts: object): unknown }) => RelayServer;
    };
    const relay = new Server({
      createStream: (opts) => first.createRawStream({ ...opts, framed: true }),
    });
    const server = first.createServer((socket: SecretStream) => {
      socket.on('error', () => undefined);
      const session = relay.accept(socket, { id: socket.remotePublicKey });
      // A member gone mid-pairing is normal for a relay: that session ends, nothing else.
      session.on('error', () => undefined);
    });
    await server.listen(options.relayKeyPair);
    return {
      bootstrap,
      relayKey: options.relayKeyPair.publicKey.toString('hex'),
      nodes: count,
      relayStats: () => relay.stats,
      close: async () => {
        await server.close();
        await relay.close();
        for (const node of nodes) await node.destroy();
      },
    };
  } catch (error) {
    for (const node of nodes) await node.destroy().catch(() => undefined);
    throw error;
  }
}
