import type { Socket } from 'node:net';
import type SecretStream from '@hyperswarm/secret-stream';
import type { KeyPair } from 'hypercore-crypto';
import type { Address } from '../../wire/address';
import { LIMITS } from '../../wire/limits';
import {
  formatFilesHello,
  formatSecureHello,
  LINK_HELLO,
  parseCapabilityReply,
  type LinkVersion,
} from '../../wire/link';
import { DialError } from '../tcp/dial';
import {
  PlainChannel,
  readReady,
  SecureChannel,
  type ChannelEvents,
  type LinkChannel,
} from './link-channels';
import type { Trust } from '../../node/peers/trust';

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
let loaded: typeof SecretStream | undefined;
/**
 * Loaded at the first encrypted link, not at start-up (a peer that talks only to other
 * implementations never needs it), and synchronously: an accepted socket's handshake bytes
 * must find the stream already listening.
 */
function secretStream(): typeof SecretStream {
  loaded ??= require('@hyperswarm/secret-stream') as typeof SecretStream;
  return loaded;
}

/**
 * How a link fails when the peer is not a peer-tui any more: it takes the connection and
 * hangs up on our lines, or answers the hello with something else. (A peer that is down
 * refuses; a stopped one does not answer, E_NO_ACK: both keep the link form, so a resend
 * carries the same id and shows once.)
 */
const NOT_A_PEER_TUI = new Set(['ECONNRESET', 'EPIPE', 'E_FRAME_TOO_LARGE', 'E_LINK_HANDSHAKE']);
/** Such failures in a row before the peer is written to the assignment's way. */
const LINK_STRIKES = 2;

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

  /**
   * A line the receiver of a one-shot message wrote back: its name when it is the
   * capability of a peer-tui of our version at the port we dialled (links may be opened to
   * it), else null (any other version keeps the assignment's form, both ways).
   */
  capabilityIn(target: Address, line: string): string | null {
    const reply = parseCapabilityReply(line);
    if (!reply || reply.from.port !== target.port || reply.version !== this.version) return null;
    return reply.name;
  }

  /**
   * After a batch over a link (`error`: how it failed, if it did): whether the peer is
   * to be written to the assignment's way from now on. Never a pinned one: its messages
   * wait for its link rather than go in the clear. `reach.strikes` (its hang-ups in a row,
   * kept in its record of reach, node/peers/reach.ts) is counted here; any other outcome
   * clears it.
   */
  afterLinkAttempt(
    target: Address,
    error: string | undefined,
    reach: { strikes: number },
  ): 'keep-link' | 'write-plain' {
    if (error === undefined || !NOT_A_PEER_TUI.has(error)) {
      reach.strikes = 0;
      return 'keep-link';
    }
    reach.strikes += 1;
    if (reach.strikes < LINK_STRIKES) return 'keep-link';
    reach.strikes = 0;
    return this.mayWritePlain(target) ? 'write-plain' : 'keep-link';
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
    const stream = new (secretStream())(true, socket, { keyPair: this.options.keyPair });
    return this.secured(stream, target, events);
  }

  /**
   * The receiving side, after its `peer-tui/2 noise` answer: resolves with the channel once
   * the key checked out, or rejects (the socket destroyed) when it did not.
   */
  accept(socket: Socket, claimed: Address, events: ChannelEvents): Promise<LinkChannel> {
    const stream = new (secretStream())(false, socket, { keyPair: this.options.keyPair });
    return this.secured(stream, claimed, events);
  }

  private async secured(
    stream: SecretStream,
    address: Address,
    events: ChannelEvents,
  ): Promise<LinkChannel> {
    const channel = new SecureChannel(stream, events);
    channel.ready(await this.checked(stream, address));
    return channel;
  }

  /**
   * A files connection (issue 23), our side: `peer-tui/2 files IP:PORT`, the same
   * handshake and key check as a link, then the encrypted stream itself, its messages
   * framed by it (carriers/files/direct-files.ts reads them).
   */
  async openStream(
    socket: Socket,
    target: Address,
    ownAddressKey: string,
  ): Promise<{ stream: SecretStream; remoteKey: string }> {
    socket.write(formatFilesHello(ownAddressKey));
    await readReady(socket, this.timeoutMs);
    const stream = new (secretStream())(true, socket, { keyPair: this.options.keyPair });
    stream.on('error', () => undefined); // its owner listens once it has it; 'close' follows
    return { stream, remoteKey: await this.checked(stream, target) };
  }

  /** A files connection, the receiving side, after its `peer-tui/2 noise` answer. */
  async acceptStream(
    socket: Socket,
    claimed: Address,
  ): Promise<{ stream: SecretStream; remoteKey: string }> {
    const stream = new (secretStream())(false, socket, { keyPair: this.options.keyPair });
    stream.on('error', () => undefined);
    return { stream, remoteKey: await this.checked(stream, claimed) };
  }

  /** The handshake done and the far key checked against the address's pin: that key. */
  private async checked(stream: SecretStream, address: Address): Promise<string> {
    const timer = setTimeout(() => stream.destroy(), this.timeoutMs);
    const opened = await stream.opened;
    clearTimeout(timer);
    const remoteKey = stream.remotePublicKey?.toString('hex');
    if (!opened || remoteKey === undefined) {
      stream.destroy();
      throw new DialError('E_LINK_HANDSHAKE');
    }
    // Noise XX proves the far side holds the key it showed; whether that is the key this
    // address had is ours to check, before anything is read or written.
    if (this.options.trust.check(address, remoteKey) === 'changed') {
      stream.destroy();
      throw new DialError('E_KEY_CHANGED');
    }
    return remoteKey;
  }
}
