import type { Socket } from 'node:net';
import { normaliseIp } from '../protocol/address';
import { LineDecoder } from '../protocol/decoder';
import type { ProtocolError } from '../protocol/errors';
import { LIMITS } from '../protocol/limits';
import { InboundSession, type SessionMessage, type SessionOutput } from '../protocol/session';

export interface InboundSource {
  sourceIp: string;
  sourcePort: number;
}

export interface InboundHandlers {
  message(message: SessionMessage, source: InboundSource): void;
  /** The connection was dropped for what the peer sent. */
  rejected(error: ProtocolError, source: InboundSource): void;
}

export interface InboundOptions {
  /** `IP:PORT NAME` of this node, given the local IP the peer reached us on. */
  selfHeader(localIp: string): string;
  idleGapMs?: number;
  idleTimeoutMs?: number;
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
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly handlers: InboundHandlers,
    private readonly options: InboundOptions,
  ) {
    const sourceIp = normaliseIp(socket.remoteAddress ?? '') ?? '0.0.0.0';
    this.source = { sourceIp, sourcePort: socket.remotePort ?? 0 };
    const localIp = normaliseIp(socket.localAddress ?? '') ?? '127.0.0.1';
    this.session = new InboundSession({ sourceIp }, options.selfHeader(localIp));
    socket.setTimeout(options.idleTimeoutMs ?? LIMITS.inboundIdleMs);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('timeout', this.onTimeout);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  get closed(): boolean {
    return this.socket.destroyed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Bytes arrived: complete lines are messages now; a tail waits for more or a gap. */
  private readonly onData = (chunk: Buffer): void => {
    this.clearGap();
    this.guard(() => this.receive(chunk));
  };

  private receive(chunk: Buffer): void {
    const lines = this.decoder.push(chunk);
    if (!lines.ok) {
      this.handlers.rejected(lines.error, this.source);
      this.socket.destroy();
      return;
    }
    for (const line of lines.value) this.deliver(this.session.line(line));
    if (this.decoder.hasTail) {
      this.gapTimer = setTimeout(this.onIdleGap, this.options.idleGapMs ?? LIMITS.idleGapMs);
    }
  }

  /** Senders that hold the connection open without delimiters: silence ends a message. */
  private readonly onIdleGap = (): void => {
    this.gapTimer = undefined;
    this.guard(() => this.flushTail());
  };

  /** The sender closed its side: whatever is buffered is the last message. */
  private readonly onEnd = (): void => {
    this.clearGap();
    this.guard(() => {
      this.flushTail();
      this.deliver(this.session.end());
    });
    this.socket.end();
  };

  /** A connection that says nothing for long holds a descriptor for nothing. */
  private readonly onTimeout = (): void => {
    this.socket.destroy();
  };

  /** Resets and broken pipes are the peer's business; the socket closes after this. */
  private readonly onError = (): void => {};

  private readonly onClose = (): void => {
    this.clearGap();
  };

  /** A bug met by a peer's bytes costs that peer its connection, never the process. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.handlers.rejected({ code: 'E_INTERNAL', message: String(error) }, this.source);
      this.socket.destroy();
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
    for (const message of output.messages) this.handlers.message(message, this.source);
  }

  private clearGap(): void {
    if (this.gapTimer !== undefined) clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
  }
}
