import type { Socket } from 'node:net';
import SecretStream from '@hyperswarm/secret-stream';
import type { KeyPair } from 'hypercore-crypto';
import type { Address } from '../protocol/address';
import { LIMITS } from '../protocol/limits';
import { formatSecureHello, LINK_HELLO, SECURE_READY, type LinkVersion } from '../protocol/link';
import { DialError } from './dial';
import type { Trust } from './trust';

/** What a link's owner (core/peer-link.ts) hears from its channel. */
export interface ChannelEvents {
  data(chunk: Buffer): void;
  closed(code: string): void;
}

/** The byte pipe of one link: plain socket (peer-tui/1) or encrypted stream (peer-tui/2). */
export interface LinkChannel {
  /** Text written in one turn leaves in one write (one frame on an encrypted link). */
  write(text: string): void;
  /** The far side's key, on an encrypted link. */
  readonly remoteKey: string | null;
  destroy(): void;
}

export interface NegotiationOptions {
  version: LinkVersion;
  keyPair: KeyPair;
  trust: Trust;
  handshakeTimeoutMs?: number;
}

/**
 * The one owner of the peer-tui link: which version this node speaks and accepts, the
 * secure hello and the Noise handshake (`@hyperswarm/secret-stream`, XX, this identity's
 * Ed25519 key), the remote key checked against the pinned one before a line is read, and
 * when a peer may be written to in the assignment's form instead. docs/protocol.md,
 * "Between two peer-tui", describes the bytes.
 */
export class LinkNegotiation {
  readonly version: LinkVersion;
  readonly publicKey: string;

  constructor(private readonly options: NegotiationOptions) {
    this.version = options.version;
    this.publicKey = options.keyPair.publicKey.toString('hex');
  }

  private get timeoutMs(): number {
    return this.options.handshakeTimeoutMs ?? LIMITS.connectTimeoutMs;
  }

  /** A capability reply of our version opens links; any other leaves the assignment's form. */
  acceptsCapability(version: LinkVersion): boolean {
    return version === this.version;
  }

  /**
   * Whether a peer may get the assignment's form when no link can be made: never once its
   * key is pinned (its messages wait for its link instead of going in the clear).
   */
  mayWritePlain(target: Address): boolean {
    return !this.options.trust.isPinned(target.key);
  }

  /** Starts our side of a link on a socket we dialled; rejects with a DialError code. */
  async open(
    socket: Socket,
    target: Address,
    ownAddressKey: string,
    events: ChannelEvents,
  ): Promise<LinkChannel> {
    if (this.version === 1) {
      socket.write(`${LINK_HELLO}\n`);
      return new PlainChannel(socket, events);
    }
    socket.write(formatSecureHello(ownAddressKey));
    await readReady(socket, this.timeoutMs);
    const stream = new SecretStream(true, socket, { keyPair: this.options.keyPair });
    return this.secured(stream, target, events);
  }

  /**
   * The receiving side, after its `peer-tui/2 noise` answer: resolves with the channel once
   * the key checked out, or rejects (the socket destroyed) when it did not.
   */
  accept(socket: Socket, claimed: Address, events: ChannelEvents): Promise<LinkChannel> {
    const stream = new SecretStream(false, socket, { keyPair: this.options.keyPair });
    return this.secured(stream, claimed, events);
  }

  private async secured(
    stream: SecretStream,
    address: Address,
    events: ChannelEvents,
  ): Promise<LinkChannel> {
    const channel = new SecureChannel(stream, events);
    const timer = setTimeout(() => stream.destroy(), this.timeoutMs);
    const opened = await stream.opened;
    clearTimeout(timer);
    const remoteKey = stream.remotePublicKey?.toString('hex');
    if (!opened || remoteKey === undefined) {
      stream.destroy();
      throw new DialError('E_LINK_HANDSHAKE');
    }
    // Noise XX proves the far side holds the key it showed; whether that is the key this
    // address had is ours to check, before any line is read or written.
    if (this.options.trust.check(address, remoteKey) === 'changed') {
      stream.destroy();
      throw new DialError('E_KEY_CHANGED');
    }
    channel.ready(remoteKey);
    return channel;
  }
}

/** `peer-tui/2 noise`, alone: the receiver sends nothing else before our handshake. */
function readReady(socket: Socket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const finish = (error?: DialError): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      const end = seen.indexOf('\n');
      if (end === -1 && seen.length < 64) return;
      finish(seen === `${SECURE_READY}\n` ? undefined : new DialError('E_LINK_HANDSHAKE'));
    };
    const onClose = (): void => finish(new DialError('ECONNRESET'));
    const timer = setTimeout(() => finish(new DialError('E_LINK_HANDSHAKE')), timeoutMs);
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}

class PlainChannel implements LinkChannel {
  readonly remoteKey = null;
  private corked = false;

  constructor(
    private readonly socket: Socket,
    events: ChannelEvents,
  ) {
    socket.on('data', events.data);
    socket.on('close', () => events.closed('ECONNRESET'));
    socket.on('error', (error: NodeJS.ErrnoException) => events.closed(error.code ?? 'E_SOCKET'));
  }

  write(text: string): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(text);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Far below secret-stream's 16 MiB frame limit; a turn's batch of 256 lines fits. */
const FRAME_FLUSH_CHARS = 1 << 20;

/** Lines of one turn are one encrypted frame: a frame per line cost a cipher call each. */
class SecureChannel implements LinkChannel {
  remoteKey: string | null = null;
  private pending = '';

  constructor(
    private readonly stream: SecretStream,
    private readonly events: ChannelEvents,
  ) {
    stream.on('error', () => {}); // resets are the peer's business; 'close' follows
    stream.on('close', () => events.closed('ECONNRESET'));
  }

  ready(remoteKey: string): void {
    this.remoteKey = remoteKey;
    this.stream.on('data', this.events.data);
  }

  write(text: string): void {
    if (this.pending === '') process.nextTick(this.flush);
    this.pending += text;
    if (this.pending.length >= FRAME_FLUSH_CHARS) this.flush();
  }

  private readonly flush = (): void => {
    const text = this.pending;
    this.pending = '';
    if (text !== '' && !this.stream.destroyed) this.stream.write(Buffer.from(text));
  };

  destroy(): void {
    this.stream.destroy();
  }
}
