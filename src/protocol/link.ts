import { parseAddress, type Address } from './address';

/**
 * The peer-tui extension, invisible to other implementations (docs/protocol.md, "Between
 * two peer-tui"): a receiver writes a capability reply on the socket of a message it got;
 * a sender that reads it opens persistent links with `LINK_HELLO`, then writes one line per
 * message, `ID IP:PORT NAME TEXT`, and the receiver acknowledges each with `LINK_ACK ID`.
 * The id (16 hex digits, kept across restarts) lets a receiver show a resent message once.
 */
export const LINK_TOKEN = 'peer-tui/1';
export const LINK_HELLO = `${LINK_TOKEN} hello`;
export const LINK_ACK = `${LINK_TOKEN} ack`;

const LINK_LINE = /^([0-9a-f]{16}) ([\s\S]*)$/;
// The patterns are built from the constants, so a new protocol version changes one line.
const TOKEN_PATTERN = LINK_TOKEN.replace('/', '\\/');
const ACK_LINE = new RegExp(`^${LINK_ACK.replace('/', '\\/')} ([0-9a-f]{16})$`);
const CAPABILITY_REPLY = new RegExp(`^(\\S+) (\\S+) (?:connected|ack) ${TOKEN_PATTERN}$`);

export function formatLinkAck(id: string): string {
  return `${LINK_ACK} ${id}\n`;
}

export function parseLinkAck(line: string): string | null {
  return ACK_LINE.exec(line.trim())?.[1] ?? null;
}

/** `ID rest` of a link line, or null. */
export function splitLinkLine(line: string): { id: string; rest: string } | null {
  const match = LINK_LINE.exec(line);
  return match ? { id: match[1] ?? '', rest: match[2] ?? '' } : null;
}

/** `IP:PORT NAME connected peer-tui/1`: the third word satisfies clients that wait for it. */
export function formatCapabilityReply(selfHeader: string, answeringConnect: boolean): string {
  return `${selfHeader} ${answeringConnect ? 'connected' : 'ack'} ${LINK_TOKEN}\n`;
}

export function parseCapabilityReply(line: string): { from: Address; name: string } | null {
  const match = CAPABILITY_REPLY.exec(line.trim());
  if (!match) return null;
  const address = parseAddress(match[1] ?? '');
  return address.ok ? { from: address.value, name: match[2] ?? '' } : null;
}
