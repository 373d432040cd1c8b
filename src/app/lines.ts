import type { ChatMessage, Delivery, Unparsed, Warning } from '../core/events';
import type { PeerSnapshot } from '../core/peer-table';
import { sanitize } from './sanitize';

/** System lines start with this, so no peer's message can pass for one. */
export const SYSTEM = '-!-';

const ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while writing',
  EADDRNOTAVAIL: 'address not available',
};

export function describeError(code: string | undefined): string {
  if (code === undefined) return 'unknown error';
  const words = ERROR_WORDS[code];
  return words ? `${words} (${code})` : code;
}

/** `127.0.0.1:9090 P2 hello`: the assignment's display of an incoming message. */
export function messageLine(message: ChatMessage): string {
  const name = message.name === '' ? '' : ` ${sanitize(message.name)}`;
  return `${message.from.key}${name} ${sanitize(message.text)}`;
}

export function peerLabel(peer: PeerSnapshot): string {
  return peer.name === '' ? peer.address.key : `${peer.address.key} (${sanitize(peer.name)})`;
}

export function joinedLine(peer: PeerSnapshot): string {
  return `${SYSTEM} ${peerLabel(peer)} joined`;
}

export function exitedLine(peer: PeerSnapshot): string {
  return `${SYSTEM} ${peerLabel(peer)} disconnected`;
}

export function deliveryLine(delivery: Delivery): string {
  const to = delivery.to.key;
  if (delivery.state === 'failed') {
    const what = delivery.kind === 'connect' ? 'connect to' : 'deliver to';
    return `${SYSTEM} could not ${what} ${to}: ${describeError(delivery.error)}`;
  }
  if (delivery.kind === 'connect') return `${SYSTEM} connected to ${to}`;
  if (delivery.kind === 'leave') return `${SYSTEM} sent exit to ${to}`;
  return `${SYSTEM} message sent to ${to}`;
}

export function discoveredLine(peer: PeerSnapshot): string {
  return `${SYSTEM} ${peerLabel(peer)} answered discovery`;
}

export function warningLine(warning: Warning): string {
  return `${SYSTEM} warning ${warning.code}: ${sanitize(warning.message)}`;
}

export function unparsedLine(unparsed: Unparsed): string {
  return `${SYSTEM} unparsed (${unparsed.code}) from ${unparsed.sourceIp}:${unparsed.sourcePort}: ${sanitize(unparsed.text)}`;
}

/** The assignment's query output. */
export function peerListLines(peers: PeerSnapshot[]): string[] {
  if (peers.length === 0) return ['No connected Peers'];
  return ['Connected Peers:', ...peers.map((peer, index) => `${index + 1}. ${peer.address.key}`)];
}
