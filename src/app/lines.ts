import type { NetworkView } from '../node/room-transport';
import type { ChatMessage, Delivery, TrustChange, Unparsed, Warning } from '../node/events';
import type { Outgoing } from '../node/outbox/outgoing';
import type { PeerSnapshot } from '../node/peers/peer-table';
import { fingerprint } from '../wire/fingerprint';
import { flat } from '../util/json-string';
import { sanitize } from './sanitize';

/** A member-joined or member-left event: a room and a peer. */
type Membership = { room: string; peer: PeerSnapshot };

/** `1 line`, `2 lines`: a count and its noun (`plural` where adding s is wrong). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

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
  E_NO_ACK: 'no acknowledgement',
  EMFILE: 'too many open files',
};

export function describeError(code: string | undefined): string {
  if (code === undefined) return 'unknown error';
  const words = ERROR_WORDS[code];
  return words ? `${words} (${code})` : code;
}

/** `127.0.0.1:9090 P2 hello`: the assignment's display of a message (live or from history). */
export function chatLine(key: string, name: string, text: string): string {
  const shownName = name === '' ? '' : ` ${sanitize(name)}`;
  return `${key}${shownName} ${sanitize(text)}`;
}

/** Marks a message that came in the clear for an address whose key is pinned. */
export const UNVERIFIED_MARK = '[unverified]';

export function messageLine(message: ChatMessage): string {
  const line = chatLine(message.from.key, message.name, message.text);
  return marked(message, line);
}

/** A room message says its room first; an unverified one says so first. */
function marked(message: ChatMessage, line: string): string {
  if (message.room !== undefined) return `${message.room} ${line}`;
  return message.verified === false ? `${UNVERIFIED_MARK} ${line}` : line;
}

/**
 * `messageLine` for a stream of messages: a sender's messages come in runs, so the part
 * naming it (`IP:PORT NAME `, sanitised) is made once per run, flat.
 */
export function messageLines(): (message: ChatMessage) => string {
  let sender = '';
  let senderName = '';
  let prefix = '';
  return (message) => {
    if (message.from.key !== sender || message.name !== senderName) {
      sender = message.from.key;
      senderName = message.name;
      prefix = flat(chatLine(sender, senderName, ''));
    }
    return marked(message, prefix + sanitize(message.text));
  };
}

/** The name to show for a peer: yours for it (`/alias`), marked `=`, else the one it claims. */
export function shownName(peer: { name: string; alias: string | null }): string {
  return peer.alias === null ? peer.name : `=${peer.alias}`;
}

/** `127.0.0.1:9090 (P2)`, or the address alone for a peer with no name yet. */
export function peerLabel(key: string, name: string): string {
  return name === '' ? key : `${key} (${sanitize(name)})`;
}

/** What a peer's coming and going says, live or from history. */
export const joinedText = (key: string, name: string): string => `${peerLabel(key, name)} joined`;
export const leftText = (key: string, name: string): string =>
  `${peerLabel(key, name)} disconnected`;

/** How each NAT kind is said (`/net`, and once after joining). */
export const NAT_SAID = {
  open: 'none (reachable as it is)',
  consistent: 'keeps ports (hole punching works)',
  random: 'changes ports (members behind the same kind need a relay)',
  unknown: 'not known yet',
} as const;

/**
 * System texts: what peer-tui itself says. Printed with a `-!-` prefix by the line modes;
 * the screen styles them apart instead.
 */
export const systemText = {
  joined: (peer: PeerSnapshot): string => joinedText(peer.address.key, shownName(peer)),
  exited: (peer: PeerSnapshot): string => leftText(peer.address.key, shownName(peer)),
  discovered: (peer: PeerSnapshot): string =>
    `${peerLabel(peer.address.key, peer.name)} answered discovery`,
  warning: (warning: Warning): string => `warning ${warning.code}: ${sanitize(warning.message)}`,
  network: (view: NetworkView): string =>
    `your network: NAT ${NAT_SAID[view.nat]}; public address ${view.publicAddress ?? 'not known yet'} (/net says more)`,
  memberJoined: ({ room, peer }: Membership): string =>
    `${room}: ${peerLabel(peer.address.key, shownName(peer))} is here${peer.key === null ? '' : ` (key ${fingerprint(peer.key)})`}`,
  memberLeft: ({ room, peer }: Membership): string =>
    `${room}: ${peerLabel(peer.address.key, shownName(peer))} left the room`,
  /** A key pinned on first use; the other trust changes are said by their commands. */
  trust: (change: TrustChange): string | null =>
    change.change === 'pinned' && change.peer.key !== null
      ? `${peerLabel(change.peer.address.key, change.peer.name)} key pinned: ${fingerprint(change.peer.key)} (/whois, /verify)`
      : null,
  unparsed: (unparsed: Unparsed): string =>
    `unparsed (${unparsed.code}) from ${unparsed.sourceIp}:${unparsed.sourcePort}: ${sanitize(unparsed.text)}`,
  delivery: (delivery: Delivery): string => {
    const to = delivery.to.key;
    if (delivery.state === 'queued' && delivery.error === 'E_KEY_CHANGED')
      return `${to} presented another key: message held until /trust ${to}`;
    if (delivery.state === 'queued') {
      return `${to} unreachable (${describeError(delivery.error)}): message queued, retrying`;
    }
    if (delivery.state === 'failed') {
      const what = delivery.kind === 'connect' ? 'connect to' : 'deliver to';
      return `could not ${what} ${to}: ${describeError(delivery.error)}`;
    }
    if (delivery.kind === 'connect') return `connected to ${to}`;
    if (delivery.kind === 'leave') return `sent exit to ${to}`;
    return `message sent to ${to}`;
  },
};

const prefixed =
  <A extends unknown[]>(text: (...args: A) => string) =>
  (...args: A): string =>
    `${SYSTEM} ${text(...args)}`;

export const joinedLine = prefixed(systemText.joined);
export const exitedLine = prefixed(systemText.exited);
export const discoveredLine = prefixed(systemText.discovered);
export const warningLine = prefixed(systemText.warning);
export const networkLine = prefixed(systemText.network);
export const unparsedLine = prefixed(systemText.unparsed);
export const deliveryLine = prefixed(systemText.delivery);
export const memberJoinedLine = prefixed(systemText.memberJoined);
export const memberLeftLine = prefixed(systemText.memberLeft);

/** The assignment's query output. */
export function peerListLines(peers: PeerSnapshot[]): string[] {
  if (peers.length === 0) return ['No connected Peers'];
  return ['Connected Peers:', ...peers.map((peer, index) => `${index + 1}. ${peer.address.key}`)];
}

/** `/outbox`: what waits for its peer and what failed, oldest first. */
export function outboxLines(outbox: { waiting: Outgoing[]; failed: Outgoing[] }): string[] {
  const line = (state: string) => (m: Outgoing) => `${state} ${m.to.key} ${sanitize(m.text)}`;
  const lines = [...outbox.waiting.map(line('waiting')), ...outbox.failed.map(line('failed '))];
  return lines.length > 0 ? lines : ['outbox empty: nothing waits'];
}
