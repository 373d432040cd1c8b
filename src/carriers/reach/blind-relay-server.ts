import type DHT from 'hyperdht';
import type { KeyPair } from 'hypercore-crypto';
import type SecretStream from '@hyperswarm/secret-stream';

export interface RelayStats {
  sessions: { active: number };
  pairings: { matched: number; active: number };
  streams: { active: number };
}

interface RelayServer {
  accept(stream: SecretStream, options: { id: Buffer | null | undefined }): NodeJS.EventEmitter;
  close(): Promise<void>;
  stats: RelayStats;
}

export interface BlindRelay {
  key: string;
  stats(): RelayStats;
  close(): Promise<void>;
}

/**
 * A blind relay (Holepunch's blind-relay) on a DHT node, listening on `keyPair`: it pairs
 * two ends that name the same token and forwards their UDX stream, Noise-encrypted end to
 * end, so it reads nothing. Used by `peer-tui seed`, and by a member that relays for its
 * rooms. `maxSessions`: connections to it held at once, past which new ones are closed.
 */
export async function startBlindRelay(
  dht: DHT,
  keyPair: KeyPair,
  maxSessions: number,
): Promise<BlindRelay> {
  // Loaded here: blind-relay has no types of its own (a hyperdht dependency).
  const { Server } = require('blind-relay') as {
    Server: new (options: { createStream(opts: object): unknown }) => RelayServer;
  };
  const relay = new Server({
    createStream: (opts) => dht.createRawStream({ ...opts, framed: true }),
  });
  const server = dht.createServer((socket: SecretStream) => {
    socket.on('error', () => undefined);
    if (relay.stats.sessions.active >= maxSessions) return socket.destroy();
    const session = relay.accept(socket, { id: socket.remotePublicKey });
    // An end gone mid-pairing is normal for a relay: that session ends, nothing else.
    session.on('error', () => undefined);
  });
  await server.listen(keyPair);
  return {
    key: keyPair.publicKey.toString('hex'),
    stats: () => relay.stats,
    close: async () => {
      await server.close();
      await relay.close();
    },
  };
}
