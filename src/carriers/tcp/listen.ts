import { LIMITS } from '../../wire/limits';
import type { Server } from 'node:net';

/**
 * Binds `server`. With no host it listens on every interface, IPv4 and IPv6 together,
 * and falls back to IPv4 alone where the machine has no IPv6.
 */
export async function listen(
  server: Server,
  port: number,
  host?: string,
): Promise<{ port: number; host: string }> {
  if (host !== undefined) return bind(server, port, host);
  try {
    return await bind(server, port, '::');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw error;
    return bind(server, port, '0.0.0.0');
  }
}

function bind(server: Server, port: number, host: string): Promise<{ port: number; host: string }> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, host, ipv6Only: false, backlog: LIMITS.listenBacklog }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : port, host });
    });
  });
}
