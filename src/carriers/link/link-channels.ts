import type { Socket } from 'node:net';
import type SecretStream from '@hyperswarm/secret-stream';
import { SECURE_READY } from '../../wire/link';
import { DialError } from '../tcp/dial';

/** What a link's owner (carriers/link/peer-link.ts) hears from its channel. */
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

/** `peer-tui/2 noise`, alone: the receiver sends nothing else before our handshake. */
export function readReady(socket: Socket, timeoutMs: number): Promise<void> {
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

export class PlainChannel implements LinkChannel {
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
export class SecureChannel implements LinkChannel {
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
