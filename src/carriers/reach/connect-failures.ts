import DHT from 'hyperdht';
import type { KeyPair } from 'hypercore-crypto';
import { LIMITS } from '../../wire/limits';

/**
 * The last reason a connection to each member failed (hyperdht's error codes, such as
 * `HOLEPUNCH_DOUBLE_RANDOMIZED_NATS`), until a connection to it opens: who was found but
 * is out of reach, and why (`/net`, and a room line said to nobody reached).
 */
export class ConnectFailures {
  private readonly last = new Map<string, string>();

  failed(key: string, code: string): void {
    this.last.delete(key);
    this.last.set(key, code);
    for (const oldest of this.last.keys()) {
      if (this.last.size <= LIMITS.maxRoomPeers) break;
      this.last.delete(oldest);
    }
  }

  reached(key: string): void {
    this.last.delete(key);
  }

  /** Keys whose last attempt failed, but those `skip` names (reached now, or no member). */
  unreached(skip: (key: string) => boolean): { key: string; code: string }[] {
    return [...this.last].filter(([key]) => !skip(key)).map(([key, code]) => ({ key, code }));
  }
}

/** How our DHT node is made: its bootstrap always given (undefined: hyperdht's public one). */
export interface WatchedDhtOptions {
  /** `--dht-bootstrap`; undefined only in the program, after a room was joined. */
  bootstrap: { host: string; port: number }[] | undefined;
  host: string | undefined;
  keyPair: KeyPair;
}

/**
 * A DHT node that tells `failures` why each connection it opens fails, and `opened` where
 * each one that opened goes (a relay's among them: hyperdht dials relays through it too).
 */
export function watchedDht(
  options: WatchedDhtOptions,
  failures: ConnectFailures,
  opened: OpenStreams,
): DHT {
  const { bootstrap, host, keyPair } = options;
  const dht = new DHT({ bootstrap, host, keyPair });
  const connect = dht.connect.bind(dht);
  dht.connect = (publicKey, connectOptions) => {
    const stream = connect(publicKey, connectOptions);
    const key = publicKey.toString('hex');
    stream.on('error', (error: Error & { code?: string }) =>
      failures.failed(key, error.code ?? error.message),
    );
    stream.once('open', () => opened.add(key, stream));
    stream.once('close', () => opened.delete(stream));
    return stream;
  };
  return dht;
}

interface Addressed {
  rawStream?: { remoteHost?: string; remotePort?: number } | null;
}

/** The streams our DHT node dialled that are open now, by the key dialled (capped). */
export class OpenStreams {
  private readonly streams = new Map<Addressed, string>();

  add(key: string, stream: Addressed): void {
    if (this.streams.size >= LIMITS.maxRoomPeers) return;
    this.streams.set(stream, key);
  }

  delete(stream: Addressed): void {
    this.streams.delete(stream);
  }

  /**
   * The key of a stream to host:port that is not a member's: a relay's. A relayed room
   * connection goes to the relay's address, as does our connection to the relay itself.
   */
  relayAt(host: string, port: number, isMember: (key: string) => boolean): string | undefined {
    for (const [stream, key] of this.streams) {
      const raw = stream.rawStream;
      if (raw?.remoteHost === host && raw.remotePort === port && !isMember(key)) return key;
    }
    return undefined;
  }
}
