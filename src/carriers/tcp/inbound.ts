import type { Socket } from 'node:net';
import { normaliseIp, type Address } from '../../wire/address';
import { GapTimer, InboundDeadline } from './inbound-timers';
import { LineDecoder } from '../../wire/decoder';
import type { ProtocolError } from '../../wire/errors';
import { LIMITS } from '../../wire/limits';
import type { LinkVersion } from '../../wire/link';
import type { InboundSource } from '../../node/inbox';

export type { InboundSource } from '../../node/inbox';
import { InboundSession, type SessionMessage, type SessionOutput } from '../../wire/session';

export interface InboundHandlers {
  message(message: SessionMessage, source: InboundSource): void;
  /** The connection was dropped for what the peer sent. */
  rejected(error: ProtocolError, source: InboundSource): void;
  /**
   * A secure hello from the peer at `claimed`, answered: the socket's bytes from now on are
   * the handshake and the encrypted link (carriers/link/secure-inbound.ts).
   */
  /** The socket is a secure link's from here, or a files connection's (`files`). */
  upgrade(connection: InboundConnection, claimed: Address, files: boolean): void;
}

export interface InboundOptions {
  /** `IP:PORT NAME` of this node as seen on `socket` (asked only for a reply). */
  selfHeader(socket: Socket): string;
  idleGapMs?: number;
  idleTimeoutMs?: number;
  firstMessageMs?: number;
  /** Called once when the socket has closed (the node forgets the connection). */
  onClosed?: (connection: InboundConnection) => void;
  /** Whether to send this sender the peer-tui capability (see InboundSession). */
  advertiseTo?: (fromKey: string) => boolean;
  /** The link version advertised and accepted (default 2). */
  linkVersion?: LinkVersion;
}

/**
 * Owns one accepted socket: bytes go to a LineDecoder, lines to an InboundSession, and
 * replies go back. One named handler per socket event. A peer's bad bytes end this
 * connection only.
 */
export class InboundConnection {
  private readonly decoder = new LineDecoder();
  private readonly session: InboundSession;
  private readonly source: InboundSource;
  private readonly gap: GapTimer;
  private readonly deadline: InboundDeadline;
  /** Dropped for what the peer sent: nothing more it sent counts. */
  private rejected = false;
  /** The socket carries a secure link now (handOver): its session is over. */
  private handedOver = false;
  private unparsedInARow = 0;
  /** When it opened or last carried a message: the longest idle is evicted first. */
  lastActive = Date.now();

  constructor(
    private readonly socket: Socket,
    private readonly handlers: InboundHandlers,
    private readonly options: InboundOptions,
  ) {
    const sourceIp = normaliseIp(socket.remoteAddress ?? '') ?? '0.0.0.0';
    this.source = { sourceIp, sourcePort: socket.remotePort ?? 0 };
    // Our own address on this connection costs a system call: asked only for a reply.
    const selfHeader = (): string => options.selfHeader(socket);
    this.session = new InboundSession(
      { sourceIp },
      selfHeader,
      options.advertiseTo,
      options.linkVersion,
    );
    this.deadline = new InboundDeadline(
      options.firstMessageMs ?? LIMITS.firstMessageMs,
      options.idleTimeoutMs ?? LIMITS.inboundIdleMs,
      () => this.reject({ code: 'E_SLOW', message: 'no complete message in time' }),
      () => this.socket.destroy(),
    );
    this.gap = new GapTimer(options.idleGapMs ?? LIMITS.idleGapMs, this.onIdleGap);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  destroy(): void {
    this.socket.destroy();
  }

  get rawSocket(): Socket {
    return this.socket;
  }

  get origin(): InboundSource {
    return this.source;
  }

  /** Carried a message: the longest idle connection is evicted first. */
  touch(): void {
    this.lastActive = Date.now();
  }

  /** Closed to make room for a newer connection. */
  evict(): void {
    if (this.handedOver) {
      this.socket.destroy();
      return;
    }
    this.reject({ code: 'E_EVICTED', message: 'closed to make room: too many connections' });
  }

  private reject(error: ProtocolError): void {
    if (this.rejected || this.socket.destroyed) return;
    this.rejected = true;
    this.handlers.rejected(error, this.source);
    this.socket.destroy();
  }

  /** Bytes arrived: complete lines are messages now; a tail waits for more or a gap. */
  private readonly onData = (chunk: Buffer): void => {
    this.gap.disarm();
    this.deadline.lastData = Date.now();
    this.guard(() => this.receive(chunk));
  };

  private receive(chunk: Buffer): void {
    const lines = this.decoder.push(chunk);
    if (!lines.ok) return this.reject(lines.error);
    // The replies to a chunk's lines (link acks, preamble acks) leave in one write.
    this.socket.cork();
    for (const line of lines.value) {
      const output = this.session.line(line);
      this.deliver(output);
      if (output.upgrade) return this.handOver(output.upgrade, output.files === true);
    }
    this.socket.uncork();
    // A tail waits for the gap to end it; a chat sender still connected hears of us then.
    if (this.decoder.hasTail || this.session.capabilityPending) this.gap.arm();
  }

  /**
   * The bytes are no longer lines: the socket belongs to the secure link from here, and
   * this connection only counts toward the limit until it closes.
   */
  private handOver(claimed: Address, files: boolean): void {
    this.socket.uncork();
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.deadline.stop();
    this.gap.stop();
    this.handedOver = true;
    this.handlers.upgrade(this, claimed, files);
  }

  /** Senders that hold the connection open without delimiters: silence ends a message. */
  private readonly onIdleGap = (): void => {
    this.guard(() => {
      this.flushTail();
      if (!this.rejected && !this.socket.readableEnded) this.deliver(this.session.idle());
    });
  };

  /**
   * The sender closed its side: whatever is buffered is the last message, and only now may
   * a reply it did not wait for be written (it has nothing left in flight to lose).
   */
  private readonly onEnd = (): void => {
    this.finish();
    this.socket.end();
  };

  /** Resets and broken pipes are the peer's business; the socket closes after this. */
  private readonly onError = (): void => {};

  /**
   * Closed, cleanly or by a reset: complete bytes received before a reset are a message as
   * at a clean end (a sender whose close turned into a reset lost enough already).
   */
  private readonly onClose = (): void => {
    this.gap.stop();
    this.deadline.stop();
    this.finish();
    this.options.onClosed?.(this);
  };

  /** The sender is done: the tail and the session's end, once (end, then close, both call). */
  private finish(): void {
    this.gap.disarm();
    if (this.rejected || this.handedOver) return;
    this.guard(() => {
      this.flushTail();
      this.deliver(this.session.end());
    });
  }

  /** A bug met by a peer's bytes costs that peer its connection, never the process. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.reject({ code: 'E_INTERNAL', message: String(error) });
    }
  }

  private flushTail(): void {
    const tail = this.decoder.takeTail();
    if (tail !== null) this.deliver(this.session.line(tail));
  }

  private deliver(output: SessionOutput): void {
    for (const reply of output.replies) {
      if (this.socket.writable) this.socket.write(reply);
    }
    for (const message of output.messages) {
      this.account(message.kind === 'unparsed');
      if (this.rejected) return;
      this.handlers.message(message, this.source);
    }
  }

  private account(unparsed: boolean): void {
    if (!unparsed) {
      this.unparsedInARow = 0;
      // The chunk's arrival time (a clock read per message was measurable in a flood).
      this.lastActive = this.deadline.lastData;
      this.deadline.spoke();
      return;
    }
    this.unparsedInARow += 1;
    if (this.unparsedInARow >= LIMITS.unparsedStreak) {
      this.reject({
        code: 'E_UNPARSED_FLOOD',
        message: `${LIMITS.unparsedStreak} unparsed messages in a row`,
      });
    }
  }
}
