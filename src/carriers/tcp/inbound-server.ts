import { createServer, type Server, type Socket } from 'node:net';
import { InboundConnection, type InboundHandlers, type InboundOptions } from './inbound';
import { InboundSet } from './inbound-set';
import { inboundLimit } from './fd-limit';
import type { LinkNegotiation } from '../link/link-negotiation';
import { listen } from './listen';
import { SecureInbound } from '../link/secure-inbound';
import type { Warning } from '../../node/events';
import type SecretStream from '@hyperswarm/secret-stream';
import type { Address } from '../../wire/address';

export interface InboundServerOptions {
  /** Inbound connections held at once (default LIMITS.maxInbound, under the fd limit). */
  maxInbound?: number;
  /** Shared by every connection: nothing in them depends on the socket. */
  connection: Omit<InboundOptions, 'onClosed'>;
  handlers: Omit<InboundHandlers, 'upgrade'>;
  negotiation: LinkNegotiation;
  /** A files connection whose key checked out (issue 23): carriers/files/direct-files.ts. */
  files(stream: SecretStream, claimed: Address, remoteKey: string): void;
  warn(warning: Warning): void;
}

/**
 * The listening socket and the connections it accepted: each becomes an
 * InboundConnection, held in a bounded set; a secure hello hands its socket to a
 * SecureInbound. Owns nothing else.
 */
export class InboundServer {
  private readonly server: Server;
  private readonly connections: InboundSet;
  /** Inbound connections held at once (below the open-files limit). */
  readonly limit: number;
  private readonly handlers: InboundHandlers;
  private readonly connectionOptions: InboundOptions;

  constructor(private readonly options: InboundServerOptions) {
    this.server = createServer(this.onConnection);
    this.limit = inboundLimit(undefined, options.maxInbound);
    this.connections = new InboundSet(this.limit);
    this.handlers = {
      ...options.handlers,
      upgrade: (connection, claimed, files) => {
        if (!files)
          return new SecureInbound(connection, claimed, options.negotiation, this.handlers);
        options.negotiation
          .acceptStream(connection.rawSocket, claimed)
          .then(({ stream, remoteKey }) => {
            // Its slot among the inbound connections is freed when it closes.
            stream.on('close', () => connection.destroy());
            options.files(stream, claimed, remoteKey);
          })
          .catch(() => connection.destroy());
      },
    };
    this.connectionOptions = {
      ...options.connection,
      onClosed: (closed) => this.connections.delete(closed),
    };
  }

  /** Binds; rejects with the listen error (`EADDRINUSE`, `EACCES`, …). */
  async listen(port: number, host?: string): Promise<{ port: number; host: string }> {
    const bound = await listen(this.server, port, host);
    // Past start-up, a server error (EMFILE on accept, …) is reported, never fatal.
    this.server.on('error', (error) =>
      this.options.warn({ code: 'E_SOCKET', message: error.message }),
    );
    return bound;
  }

  close(): Promise<void> {
    this.connections.destroyAll();
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }

  private readonly onConnection = (socket: Socket): void => {
    this.connections.add(new InboundConnection(socket, this.handlers, this.connectionOptions));
  };
}
