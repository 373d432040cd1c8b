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
    /** No 'data' events until resume(): what arrives waits in the stream (and the socket). */
    pause(): void;
    resume(): void;
    setTimeout(ms: number): void;
    setKeepAlive(ms: number): void;
  }
  export = SecretStream;
}

declare module 'sodium-universal' {
  /** BLAKE2b of `input` into `output`, keyed by `key` when given. */
  export function crypto_generichash(output: Buffer, input: Buffer, key?: Buffer): void;
  /** BLAKE2b of the buffers one after another. */
  export function crypto_generichash_batch(output: Buffer, batch: Buffer[], key?: Buffer): void;
  /** BLAKE2b over many pieces: a state of crypto_generichash_STATEBYTES, then final. */
  export const crypto_generichash_STATEBYTES: number;
  export function crypto_generichash_init(state: Buffer, key: Buffer | null, outlen: number): void;
  export function crypto_generichash_update(state: Buffer, input: Buffer): void;
  export function crypto_generichash_final(state: Buffer, output: Buffer): void;
}

declare module 'hyperdht' {
  import type { KeyPair } from 'hypercore-crypto';
  interface DHTOptions {
    bootstrap?: { host: string; port: number }[] | string[];
    host?: string;
    keyPair?: KeyPair;
    port?: number;
    ephemeral?: boolean;
    firewalled?: boolean;
  }
  interface DHTServer {
    listen(keyPair?: KeyPair): Promise<void>;
    close(): Promise<void>;
  }
  class DHT {
    constructor(options?: DHTOptions);
    destroy(): Promise<void>;
    bind(): Promise<void>;
    fullyBootstrapped(): Promise<void>;
    address(): { host: string; port: number };
    createRawStream(options?: object): unknown;
    createServer(
      onconnection: (socket: import('@hyperswarm/secret-stream').default) => void,
    ): DHTServer;
    connect(
      publicKey: Buffer,
      options?: {
        keyPair?: KeyPair;
        relayThrough?: Buffer | null;
        relayAddresses?: { host: string; port: number }[];
      },
    ): import('@hyperswarm/secret-stream').default;
  }
  export = DHT;
}

declare module 'hyperdht/testnet' {
  import type DHT from 'hyperdht';
  interface Testnet {
    nodes: DHT[];
    bootstrap: { host: string; port: number }[];
    destroy(): Promise<void>;
  }
  function createTestnet(size?: number, options?: { host?: string }): Promise<Testnet>;
  export = createTestnet;
}

declare module 'hyperswarm' {
  import { EventEmitter } from 'node:events';
  import type DHT from 'hyperdht';
  import type { KeyPair } from 'hypercore-crypto';
  export interface Discovery {
    flushed(): Promise<void>;
    refresh(options: { client: boolean; server: boolean }): Promise<void>;
  }
  export default class Hyperswarm extends EventEmitter {
    constructor(options: {
      dht: DHT;
      keyPair: KeyPair;
      maxPeers?: number;
      relayThrough?: (force: boolean, swarm: { dht: { randomized?: boolean } }) => Buffer | null;
    });
    join(topic: Buffer, options: { server: boolean; client: boolean }): Discovery;
    leave(topic: Buffer): Promise<void>;
    joinPeer(publicKey: Buffer): void;
    leavePeer(publicKey: Buffer): void;
    listen(): Promise<void>;
    flush(): Promise<void>;
    destroy(): Promise<void>;
  }
}

declare module 'hypercore' {
  import { EventEmitter } from 'node:events';
  interface HypercorePeer {
    /** The remote's key on the connection this peer replicates over. */
    readonly remotePublicKey: Buffer | null;
    /** How many of the first blocks the remote holds, without a gap. */
    readonly remoteContiguousLength: number;
  }
  class Hypercore extends EventEmitter {
    static key(manifest: object): Buffer;
    readonly key: Buffer;
    readonly length: number;
    readonly byteLength: number;
    readonly writable: boolean;
    readonly peers: HypercorePeer[];
    ready(): Promise<void>;
    /** Another handle on the same core: closing it fails only what waits on it. */
    session(): Hypercore;
    append(block: Buffer | Buffer[]): Promise<{ length: number; byteLength: number }>;
    get(index: number, options?: { wait?: boolean; timeout?: number }): Promise<Buffer | null>;
    download(range?: { start?: number; end?: number }): {
      done(): Promise<void>;
      destroy(): void;
    };
    /** How many of the first blocks are here, without a gap. */
    readonly contiguousLength: number;
    clear(start: number, end?: number): Promise<unknown>;
    seek(byteOffset: number, options?: { wait?: boolean }): Promise<[number, number]>;
    /** Replicates this core over a Noise stream (on its Protomux), beside what else it carries. */
    replicate(stream: unknown): unknown;
    setUserData(key: string, value: Buffer | string): Promise<void>;
    getUserData(key: string): Promise<Buffer | null>;
    close(): Promise<void>;
  }
  export = Hypercore;
}

declare module 'corestore' {
  import type Hypercore from 'hypercore';
  import type { KeyPair } from 'hypercore-crypto';
  interface GetOptions {
    /** A core of this store's own, writable, its key made from the store's key and the name. */
    name?: string;
    key?: Buffer;
    keyPair?: KeyPair;
    manifest?: object;
    encryption?: { key: Buffer };
  }
  class Corestore {
    constructor(storage: string);
    get(options: GetOptions): Hypercore;
    /** A session of the same store whose named cores are apart from the others'. */
    namespace(name: string): Corestore;
    /** Replicates every core it holds over a Noise stream (a Protomux on it). */
    replicate(stream: unknown): unknown;
    close(): Promise<void>;
  }
  export = Corestore;
}

declare module 'protomux' {
  namespace Protomux {
    interface Message<T> {
      send(value: T): boolean;
    }
    interface Channel {
      addMessage<T>(options: { encoding: unknown; onmessage(value: T): void }): Message<T>;
      open(handshake?: unknown): void;
      close(): void;
      readonly closed: boolean;
    }
    interface ChannelOptions {
      protocol: string;
      id?: Buffer | null;
      onopen?(): void;
      onclose?(): void;
    }
  }
  class Protomux {
    /** The muxer of a stream (made once, shared with Corestore's replication). */
    static from(stream: unknown): Protomux;
    /** Null when such a channel is open already, or the remote closed it. */
    createChannel(options: Protomux.ChannelOptions): Protomux.Channel | null;
  }
  export = Protomux;
}

declare module 'compact-encoding' {
  export const string: unknown;
}
