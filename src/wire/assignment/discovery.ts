import { parsePort } from '../address';

/**
 * One implementation finds peers over UDP (findings.md): the datagram `Who is online?` to
 * port 50000, answered with `PORT\nTEAM`.
 */
export const DISCOVERY_PORT = 50000;
export const DISCOVERY_QUERY = 'Who is online?';

export function isDiscoveryQuery(datagram: string): boolean {
  return datagram.trim().toLowerCase() === DISCOVERY_QUERY.toLowerCase();
}

export function formatDiscoveryAnswer(port: number, name: string): string {
  return `${port}\n${name}`;
}

export function parseDiscoveryAnswer(datagram: string): { port: number; name: string } | null {
  const [portText = '', name = ''] = datagram.trim().split(/\r?\n/);
  const port = parsePort(portText.trim());
  return port === null ? null : { port, name: name.trim().slice(0, 64) };
}
