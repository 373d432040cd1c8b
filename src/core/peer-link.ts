import type { Socket } from 'node:net';
import type { Address } from '../protocol/address';
import { LineDecoder } from '../protocol/decoder';
import { formatLinkLine } from '../protocol/format';
import { LIMITS } from '../protocol/limits';
import { LINK_HELLO, parseLinkAck } from '../protocol/link';
import { dial, errorCode } from './dial';
import type { SendOutcome } from './one-shot';

interface Pending {
  resolve(outcome: SendOutcome): void;
  sentAt: number;
}

/**
 * A persistent connection to another peer-tui: one `ID IP:PORT NAME TEXT` line per message,
 * each acknowledged by id, so `ok` means the peer has it. Owns its socket; once broken it
 * stays broken and fails whatever was waiting.
 */
export class PeerLink {
  private socket: Socket | undefined;
  private opening: Promise<Socket> | undefined;
  private readonly pending = new Map<string, Pending>();
  private readonly decoder = new LineDecoder(4096);
  private broken = false;
  private corked = false;
  /** One timer for the oldest unacknowledged message (a timer per message was churn). */
  private ackTimer: NodeJS.Timeout | undefined;
  /** `IP:PORT NAME` as the peer sees us on this link's socket: the same for every line. */
  private header = '';

  constructor(
    readonly target: Address,
    private readonly headerFor: (socket: Socket) => string,
    private readonly localAddress?: string,
    private readonly ackTimeoutMs: number = LIMITS.connectTimeoutMs,
  ) {}

  get usable(): boolean {
    return !this.broken;
  }

  async send(id: string, text: string): Promise<SendOutcome> {
    let socket: Socket;
    try {
      socket = await this.open();
    } catch (error) {
      this.break();
      return { ok: false, error: errorCode(error) };
    }
    if (this.broken) return { ok: false, error: 'ECONNRESET' };
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, sentAt: Date.now() });
      this.ackTimer ??= setTimeout(this.checkAcks, this.ackTimeoutMs);
      this.corkUntilTick(socket);
      socket.write(formatLinkLine(id, this.header, text));
    });
  }

  close(): void {
    this.break('ECONNRESET');
  }

  /** Lines written in one turn (a batch from the outbox) leave in one write. */
  private corkUntilTick(socket: Socket): void {
    if (this.corked) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  private open(): Promise<Socket> {
    this.opening ??= dial(this.target, this.localAddress).then((socket) => {
      this.socket = socket;
      this.header = this.headerFor(socket);
      socket.on('data', this.onData);
      socket.on('error', this.onError);
      socket.on('close', this.onClose);
      socket.write(`${LINK_HELLO}\n`);
      return socket;
    });
    return this.opening;
  }

  /** An ack settles the message with its id. */
  private readonly onData = (chunk: Buffer): void => {
    const lines = this.decoder.push(chunk);
    if (!lines.ok) return this.break('E_FRAME_TOO_LARGE');
    for (const line of lines.value) {
      const id = parseLinkAck(line);
      const waiting = id === null ? undefined : this.pending.get(id);
      if (id === null || !waiting) continue;
      this.pending.delete(id);
      waiting.resolve({ ok: true });
    }
  };

  /** The oldest message waiting (a Map keeps insertion order) sets the next deadline. */
  private readonly checkAcks = (): void => {
    this.ackTimer = undefined;
    const oldest = this.pending.values().next();
    if (oldest.done === true) return;
    const waited = Date.now() - oldest.value.sentAt;
    if (waited >= this.ackTimeoutMs) return this.break('E_NO_ACK');
    this.ackTimer = setTimeout(this.checkAcks, this.ackTimeoutMs - waited);
  };

  private readonly onError = (error: Error): void => this.break(errorCode(error));

  private readonly onClose = (): void => this.break('ECONNRESET');

  private break(code = 'ECONNRESET'): void {
    this.broken = true;
    this.socket?.destroy();
    clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
    for (const waiting of this.pending.values()) waiting.resolve({ ok: false, error: code });
    this.pending.clear();
  }
}
