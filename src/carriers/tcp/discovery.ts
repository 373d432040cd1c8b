import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { makeAddress, normaliseIp } from '../../wire/address';
import {
  DISCOVERY_QUERY,
  formatDiscoveryAnswer,
  isDiscoveryQuery,
  parseDiscoveryAnswer,
} from '../../wire/assignment/discovery';
import type { Discovered } from '../../node/direct-carrier';

export type { Discovered } from '../../node/direct-carrier';

/** Answers `Who is online?` datagrams with our port and name. Opt-in: it binds a fixed UDP port. */
export class DiscoveryResponder {
  private readonly socket: Socket = createSocket({ type: 'udp4', reuseAddr: true });

  constructor(
    private readonly answer: () => { port: number; name: string },
    private readonly onError: (error: Error) => void,
  ) {
    this.socket.on('message', this.onMessage);
    this.socket.on('error', this.onError);
  }

  start(port: number, host?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(port, host, () => {
        this.socket.off('error', reject);
        resolve(this.socket.address().port);
      });
    });
  }

  close(): void {
    this.socket.close();
  }

  /** Only the exact question gets an answer, so we cannot be made to reflect traffic. */
  private readonly onMessage = (datagram: Buffer, from: RemoteInfo): void => {
    if (datagram.length > 64 || !isDiscoveryQuery(datagram.toString('utf8'))) return;
    const { port, name } = this.answer();
    this.socket.send(formatDiscoveryAnswer(port, name), from.port, from.address);
  };
}

/** Asks one address `Who is online?` and collects the answers for `waitMs`. */
export function discover(ip: string, udpPort: number, waitMs: number): Promise<Discovered[]> {
  return new Promise((resolve) => {
    const socket = createSocket(ip.includes(':') ? 'udp6' : 'udp4');
    const found = new Map<string, Discovered>();
    socket.on('error', () => finish());
    socket.on('message', (datagram, from) => {
      const answer = parseDiscoveryAnswer(datagram.toString('utf8'));
      const sourceIp = normaliseIp(from.address);
      if (!answer || sourceIp === null) return;
      const address = makeAddress(sourceIp, answer.port);
      found.set(address.key, { address, name: answer.name });
    });
    const timer = setTimeout(() => finish(), waitMs);
    let done = false;
    function finish(): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve([...found.values()]);
    }
    socket.send(DISCOVERY_QUERY, udpPort, ip);
  });
}

/**
 * A responder on UDP `udpPort` (IPv4, bound to `host` when that is an IPv4 address), or
 * why there is none (the port is taken by another program, say).
 */
export async function startResponder(
  udpPort: number,
  host: string | undefined,
  answer: () => { port: number; name: string },
  onError: (error: Error) => void,
): Promise<{ responder: DiscoveryResponder; port: number } | { error: string }> {
  const responder = new DiscoveryResponder(answer, onError);
  try {
    const port = await responder.start(
      udpPort,
      host !== undefined && !host.includes(':') ? host : undefined,
    );
    return { responder, port };
  } catch (error) {
    responder.close();
    return { error: `discovery off: UDP ${udpPort}: ${(error as Error).message}` };
  }
}
