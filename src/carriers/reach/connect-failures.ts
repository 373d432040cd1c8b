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

  /** Members whose last attempt failed and that no connection reaches now. */
  unreached(connected: (key: string) => boolean): { key: string; code: string }[] {
    return [...this.last].filter(([key]) => !connected(key)).map(([key, code]) => ({ key, code }));
  }
}

/** How our DHT node is made: its bootstrap always given (undefined: hyperdht's public one). */
export interface WatchedDhtOptions {
  /** `--dht-bootstrap`; undefined only in the program, after a room was joined. */
  bootstrap: { host: string; port: number }[] | undefined;
  host: string | undefined;
  keyPair: KeyPair;
}

/** A DHT node that tells `failures` why each connection it opens fails. */
export function watchedDht(options: WatchedDhtOptions, failures: ConnectFailures): DHT {
  const { bootstrap, host, keyPair } = options;
  const dht = new DHT({ bootstrap, host, keyPair });
  const connect = dht.connect.bind(dht);
  dht.connect = (publicKey, connectOptions) => {
    const stream = connect(publicKey, connectOptions);
    const key = publicKey.toString('hex');
    stream.on('error', (error: Error & { code?: string }) =>
      failures.failed(key, error.code ?? error.message),
    );
    return stream;
  };
  return dht;
}
