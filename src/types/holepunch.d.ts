// The Holepunch modules ship JavaScript only: the parts peer-tui uses, typed here.

declare module 'hypercore-crypto' {
  export interface KeyPair {
    publicKey: Buffer;
    secretKey: Buffer;
  }
  export function keyPair(seed?: Buffer): KeyPair;
  export function validateKeyPair(keyPair: KeyPair): boolean;
  /** BLAKE2b-256 of the buffers, concatenated. */
  export function hash(data: Buffer | Buffer[], out?: Buffer): Buffer;
}

declare module '@hyperswarm/secret-stream' {
  import { EventEmitter } from 'node:events';
  import type { Duplex } from 'node:stream';
  import type { KeyPair } from 'hypercore-crypto';

  interface SecretStreamOptions {
    keyPair?: KeyPair;
    pattern?: string;
    remotePublicKey?: Buffer;
  }

  /**
   * A Noise (XX) handshake, then libsodium secretstream frames over `rawStream`. A streamx
   * duplex: the members peer-tui uses. Events: data (Buffer), connect, drain, end, error,
   * close.
   */
  class SecretStream extends EventEmitter {
    constructor(isInitiator: boolean, rawStream?: Duplex, options?: SecretStreamOptions);
    readonly publicKey: Buffer;
    /** Set once the handshake is done ('connect'). */
    readonly remotePublicKey: Buffer | null;
    readonly handshakeHash: Buffer | null;
    readonly rawBytesWritten: number;
    readonly rawBytesRead: number;
    /** Resolves true once the handshake is done, false if the stream died first. */
    readonly opened: Promise<boolean>;
    readonly destroyed: boolean;
    write(data: Buffer): boolean;
    end(): void;
    destroy(error?: Error): void;
    setTimeout(ms: number): void;
    setKeepAlive(ms: number): void;
  }
  export = SecretStream;
}
