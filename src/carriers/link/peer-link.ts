import type { Socket } from 'node:net';
import type { Address } from '../../wire/address';
import { LineDecoder } from '../../wire/decoder';
import { LIMITS } from '../../wire/limits';
import { formatLinkLine, parseLinkAck } from '../../wire/link';
import { dial, errorCode } from '../tcp/dial';
import type { LinkChannel } from './link-channels';
import type { LinkNegotiation } from './link-negotiation';
import { AckWaiters } from './ack-waiters';
import type { SendOutcome } from '../../node/outbox/outgoing';

/**
 * A persistent connection to another peer-tui: one `ID IP:PORT NAME TEXT` line per message,
 * each acknowledged by id, so `ok` means the peer has it. Owns its socket; the channel on it
 * (plain or encrypted) comes from LinkNegotiation. Once broken it stays broken and fails
 * whatever was waiting.
 */
export class PeerLink {
  private socket: Socket | undefined;
  private channel: LinkChannel | undefined;
  private opening: Promise<LinkChannel> | undefined;
  private readonly acks: AckWaiters;
  private readonly decoder = new LineDecoder(4096);
  private broken = false;
  /** `IP:PORT NAME` as the peer sees us on this link's socket: the same for every line. */
  private header = '';

  constructor(
    readonly target: Address,
    private readonly negotiation: LinkNegotiation,
    /** `IP:PORT` and `IP:PORT NAME` of this node as seen on the socket. */
    private readonly own: (socket: Socket) => { addressKey: string; header: string },
    private readonly localAddress?: string,
    ackTimeoutMs: number = LIMITS.connectTimeoutMs,
  ) {
    this.acks = new AckWaiters(ackTimeoutMs, () => this.break('E_NO_ACK'));
  }

  get usable(): boolean {
    return !this.broken;
  }

  /** The far side's key, once an encrypted link is up. */
  get remoteKey(): string | null {
    return this.channel?.remoteKey ?? null;
  }

  async send(id: string, text: string): Promise<SendOutcome> {
    let channel: LinkChannel;
    try {
      channel = await this.open();
    } catch (error) {
      const code = errorCode(error);
      this.break(code);
      return { ok: false, error: code };
    }
    if (this.broken) return { ok: false, error: 'ECONNRESET' };
    const acknowledged = this.acks.wait(id);
    // Lines written in one turn (a batch from the outbox) leave in one write.
    channel.write(formatLinkLine(id, this.header, text));
    return acknowledged;
  }

  close(): void {
    this.break('ECONNRESET');
  }

  private open(): Promise<LinkChannel> {
    this.opening ??= dial(this.target, this.localAddress).then(async (socket) => {
      this.socket = socket;
      socket.on('error', this.onError);
      const own = this.own(socket);
      this.header = own.header;
      this.channel = await this.negotiation.open(socket, this.target, own.addressKey, {
        data: this.onData,
        closed: (code) => this.break(code),
      });
      return this.channel;
    });
    return this.opening;
  }

  /** An ack settles the message with its id. */
  private readonly onData = (chunk: Buffer): void =>
    this.decoder.feed(chunk, this.onLine, () => this.break('E_FRAME_TOO_LARGE'));

  private readonly onLine = (line: string): void => {
    const id = parseLinkAck(line);
    if (id !== null) this.acks.settle(id);
  };

  private readonly onError = (error: Error): void => this.break(errorCode(error));

  private break(code = 'ECONNRESET'): void {
    this.broken = true;
    this.channel?.destroy();
    this.socket?.destroy();
    this.acks.failAll(code);
  }
}
