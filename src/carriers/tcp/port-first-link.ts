import type { Socket } from 'node:net';
import type { Address } from '../../wire/address';
import {
  formatPortFirstLine,
  formatPortFirstOpening,
  type OwnIdentity,
  type PortFirstVariant,
} from '../../wire/assignment/format';
import { LIMITS } from '../../wire/limits';
import type { DeliveryKind } from '../../node/events';
import { dial, errorCode } from './dial';
import type { SendOutcome } from '../../node/outbox/outgoing';

interface Waiting {
  resolve(outcome: SendOutcome): void;
  timer: NodeJS.Timeout;
}

/**
 * A held connection to a receiver of the port-first form (findings.md: DTG2005's and
 * Nidarsana02's). It reads a connection only if it opens with our port (its first `recv`),
 * then takes one message per `recv` and answers each with an ack (any text, no newline).
 * So: the opening, then one line at a time, each sent only after the last one's ack; a
 * leave is `exit`, after which the receiver closes. Owns its socket; once broken it stays
 * broken and the next message opens a new one.
 */
export class PortFirstLink {
  private socket: Socket | undefined;
  private opening: Promise<Socket> | undefined;
  private waiting: Waiting | undefined;
  private broken = false;
  /** Messages go one at a time, in order: each waits for the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  private own: OwnIdentity | undefined;

  constructor(
    readonly target: Address,
    private readonly variant: PortFirstVariant,
    private readonly ownFor: (socket: Socket) => OwnIdentity,
    private readonly localAddress?: string,
    private readonly ackTimeoutMs: number = LIMITS.connectTimeoutMs,
  ) {}

  get usable(): boolean {
    return !this.broken;
  }

  /** A connect is the opening itself; a chat line waits for its ack; a leave ends the link. */
  send(kind: DeliveryKind, text: string): Promise<SendOutcome> {
    const next = this.queue.then(() => this.sendNow(kind, text));
    this.queue = next;
    return next;
  }

  close(): void {
    this.break('ECONNRESET');
  }

  private async sendNow(kind: DeliveryKind, text: string): Promise<SendOutcome> {
    if (this.broken) return { ok: false, error: 'ECONNRESET' };
    // The receiver shows a connection only when one opens with the connect: a held link
    // is ended first (exit, then its close), and a new one opens with it.
    if (kind === 'connect' && this.socket !== undefined) await this.farewell(this.socket);
    let socket: Socket;
    try {
      socket = await this.open();
    } catch (error) {
      const code = errorCode(error);
      this.break(code);
      return { ok: false, error: code };
    }
    if (kind === 'connect') return { ok: true };
    const line = formatPortFirstLine(this.variant, this.own ?? this.ownFor(socket), kind, text);
    if (kind === 'chat') return this.exchange(socket, line);
    // The receiver closes after `exit` without an ack: flushed is done.
    return new Promise((resolve) => {
      socket.end(line, () => resolve({ ok: true }));
      this.broken = true;
    });
  }

  /**
   * `exit`, then the receiver's close (at most the ack limit), then a fresh start: one such
   * receiver forgets our port when it reads `exit`, so nothing may follow on this socket.
   */
  private async farewell(socket: Socket): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.ackTimeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.write(formatPortFirstLine(this.variant, this.own ?? this.ownFor(socket), 'leave', ''));
    });
    socket.off('data', this.onData).off('close', this.onClose);
    socket.destroy();
    this.socket = undefined;
    this.opening = undefined;
    this.broken = false;
  }

  private open(): Promise<Socket> {
    this.opening ??= dial(this.target, this.localAddress).then(async (socket) => {
      this.socket = socket;
      socket.on('data', this.onData);
      socket.on('error', this.onError);
      socket.on('close', this.onClose);
      this.own = this.ownFor(socket);
      const opened = await this.exchange(socket, formatPortFirstOpening(this.variant, this.own));
      if (!opened.ok) throw Object.assign(new Error(opened.error), { code: opened.error });
      return socket;
    });
    return this.opening;
  }

  /** Writes `bytes` and waits for the receiver's ack. */
  private exchange(socket: Socket, bytes: string): Promise<SendOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.break('E_NO_ACK'), this.ackTimeoutMs);
      this.waiting = { resolve, timer };
      socket.write(bytes);
    });
  }

  /** Any bytes are the ack of the one message in flight (only one ever is). */
  private readonly onData = (): void => this.settle({ ok: true });

  private readonly onError = (error: Error): void => this.break(errorCode(error));

  private readonly onClose = (): void => this.break('ECONNRESET');

  private settle(outcome: SendOutcome): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    clearTimeout(waiting.timer);
    waiting.resolve(outcome);
  }

  private break(code: string): void {
    if (this.broken && !this.waiting) return;
    this.broken = true;
    this.settle({ ok: false, error: code });
    this.socket?.destroy();
  }
}
