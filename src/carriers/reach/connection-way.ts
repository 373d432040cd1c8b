import { networkInterfaces } from 'node:os';
import { isIPv4 } from 'node:net';

/**
 * How a room connection reaches its member: on our own LAN, direct (one side is
 * reachable as it is), hole-punched through NATs, or relayed (through a blind relay whose
 * key is `via`).
 */
export type Way = 'lan' | 'direct' | 'hole-punched' | 'relayed';

/** What a hyperdht stream's raw UDX stream tells of where it goes. */
export interface RawFacts {
  remoteHost?: string;
  remotePort?: number;
  socket?: unknown;
  rtt?: number;
}

/** What our DHT node knows: its own sockets, and where each relay connection goes. */
export interface WayContext {
  /** hyperdht's main sockets: a stream on one of them was never hole-punched. */
  mainSockets: unknown[];
  /** Whether we are reachable as we are (no NAT, or one that forwards): all is direct. */
  open: boolean;
  /** The key of a relay whose connection goes to host:port, if any. */
  relayAt(host: string, port: number): string | undefined;
  /** IPv4 subnets of our interfaces (loopback included). */
  subnets: Subnet[];
}

export interface Subnet {
  network: number;
  mask: number;
}

export interface ConnectionWay {
  remote: string | null;
  way: Way | null;
  /** The relay's key when relayed. */
  via: string | null;
  /** The stream's smoothed round trip, when it has one. */
  rttMs: number | null;
}

/** How a stream reaches its member, from its raw stream's facts. */
export function connectionWay(raw: RawFacts | undefined, context: WayContext): ConnectionWay {
  if (raw?.remoteHost === undefined) return { remote: null, way: null, via: null, rttMs: null };
  const host = raw.remoteHost;
  const port = raw.remotePort ?? 0;
  const rttMs = typeof raw.rtt === 'number' && raw.rtt > 0 ? raw.rtt : null;
  const base = { remote: `${host}:${port}`, via: null, rttMs };
  const via = context.relayAt(host, port);
  if (via !== undefined) return { ...base, way: 'relayed', via };
  if (onSubnet(host, context.subnets)) return { ...base, way: 'lan' };
  const direct = context.open || context.mainSockets.includes(raw.socket);
  return { ...base, way: direct ? 'direct' : 'hole-punched' };
}

/** This machine's IPv4 addresses and their netmasks, loopback among them, now. */
export function ipv4Interfaces(): { address: string; netmask: string }[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter(({ family }) => family === 'IPv4');
}

/** The IPv4 subnets this machine's interfaces are on, now. */
export function localSubnets(): Subnet[] {
  return ipv4Interfaces().flatMap(({ address, netmask }) => {
    const network = ipv4Number(address);
    const mask = ipv4Number(netmask);
    if (network === null || mask === null) return [];
    return [{ network: (network & mask) >>> 0, mask }];
  });
}

export function onSubnet(host: string, subnets: Subnet[]): boolean {
  const address = ipv4Number(host);
  if (address === null) return false;
  return subnets.some(({ network, mask }) => (address & mask) >>> 0 === network);
}

function ipv4Number(text: string): number | null {
  if (!isIPv4(text)) return null;
  return text.split('.').reduce((sum, part) => (sum * 256 + Number(part)) >>> 0, 0);
}
