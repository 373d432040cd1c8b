import type { Address } from '../../wire/address';
import { LineDecoder } from '../../wire/decoder';
import type { ProtocolError } from '../../wire/errors';
import { LIMITS } from '../../wire/limits';
import { InboundSession } from '../../wire/session';
import type { InboundConnection, InboundHandlers } from '../tcp/inbound';
import type { LinkChannel } from './link-channels';
import type { LinkNegotiation } from './link-negotiation';

/**
 * The receiving end of an encrypted peer-tui link: once LinkNegotiation has checked the
 * sender's key against the pin for the address its hello claimed, the decrypted bytes are
 * link lines (the same as a plain link's), each acknowledged inside the stream. Every line
 * must speak for that address: the key answers for one peer only.
 */
export class SecureInbound {
  private readonly decoder = new LineDecoder();
  private readonly session: InboundSession;
  private channel: LinkChannel | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: InboundConnection,
    private readonly claimed: Address,
    negotiation: LinkNegotiation,
    private readonly handlers: InboundHandlers,
    private readonly idleTimeoutMs: number = LIMITS.inboundIdleMs,
  ) {
    this.session = InboundSession.insideLink({ sourceIp: connection.origin.sourceIp });
    negotiation
      .accept(connection.rawSocket, claimed, { data: this.onData, closed: this.onClosed })
      .then((channel) => {
        this.channel = channel;
        this.idle = setTimeout(this.onIdle, this.idleTimeoutMs);
      })
      // Refused (E_KEY_CHANGED, reported by Trust) or a failed handshake: the socket is gone.
      .catch(() => connection.destroy());
  }

  private readonly onData = (chunk: Buffer): void => {
    const channel = this.channel;
    if (!channel) return;
    this.idle?.refresh();
    this.connection.touch();
    const lines = this.decoder.push(chunk);
    if (!lines.ok) return this.refuse(lines.error);
    const key = channel.remoteKey ?? undefined;
    const source = { ...this.connection.origin, key };
    let replies = '';
    for (const line of lines.value) {
      const output = this.session.line(line);
      for (const message of output.messages) {
        if (message.kind !== 'unparsed' && message.from.key !== this.claimed.key)
          return this.refuse({
            code: 'E_LINK_ADDRESS',
            message: `a line for ${message.from.key} on the link of ${this.claimed.key}`,
          });
        this.handlers.message(message, source);
      }
      replies += output.replies.join('');
    }
    if (replies !== '') channel.write(replies);
  };

  private refuse(error: ProtocolError): void {
    this.handlers.rejected(error, this.connection.origin);
    this.connection.destroy();
  }

  private readonly onIdle = (): void => this.connection.destroy();

  private readonly onClosed = (): void => clearTimeout(this.idle);
}
