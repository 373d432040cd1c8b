import { networkInterfaces } from 'node:os';
import { connect, isIPv4, type Socket } from 'node:net';
import { normaliseIp, type Address } from '../../wire/address';
import { LIMITS } from '../../wire/limits';

/** The IP this node is known by on `socket`: the advertised one, or the local address. */
/**
 * Whether `address` is this node's own listening address: our port on a loopback address,
 * one of this machine's, the one we bind or the one we advertise. Asked only of a header
 * that names our port, so the interface list is read rarely.
 */
export function isOwnAddress(
  address: Address,
  port: number,
  named: (string | undefined)[],
): boolean {
  if (address.port !== port) return false;
  const ip = address.ip;
  if (ip.startsWith('127.') || ip === '::1' || ip === '0.0.0.0' || named.includes(ip)) return true;
  return Object.values(networkInterfaces()).some((infos) =>
    (infos ?? []).some((info) => normaliseIp(info.address) === ip),
  );
}

export function ownIp(socket: Socket, advertise: string | undefined): string {
  return advertise ?? normaliseIp(socket.localAddress ?? '') ?? '127.0.0.1';
}

/** Opens a TCP connection; resolves once connected, rejects with an error code string. */
export function dial(
  target: Address,
  localAddress?: string,
  timeoutMs: number = LIMITS.connectTimeoutMs,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.ip, port: target.port, localAddress });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new DialError('ETIMEDOUT'));
    }, timeoutMs);
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      reject(new DialError(error.code ?? 'E_SOCKET'));
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

export class DialError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export function errorCode(error: unknown): string {
  if (error instanceof DialError) return error.code;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'E_SOCKET';
}

/**
 * The address to send from: the bound one when the node listens on one address (127.0.0.10
 * among many loopback peers), so our connections come from where we listen.
 */
export function sourceFor(host: string | undefined, target: Address): string | undefined {
  const bound = definiteHost(host);
  return bound !== undefined && isIPv4(bound) === isIPv4(target.ip) ? bound : undefined;
}

/** The bind address when it is one address, not every interface. */
export function definiteHost(host: string | undefined): string | undefined {
  return host === undefined || host === '::' || host === '0.0.0.0' ? undefined : host;
}
