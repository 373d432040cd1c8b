import { parseAddress, type Address } from './address';

/**
 * The peer-tui extension, invisible to other implementations (docs/protocol.md, "Between
 * two peer-tui"): a receiver writes a capability reply on the socket of a message it got;
 * a sender that reads it opens persistent links with `LINK_HELLO`, one line per message,
 * and the receiver acknowledges each line with `LINK_ACK`.
 */
export const LINK_TOKEN = 'peer-tui/1';
export const LINK_HELLO = `${LINK_TOKEN} hello`;
export const LINK_ACK = `${LINK_TOKEN} ack`;

/** `IP:PORT NAME connected peer-tui/1`: the third word satisfies clients that wait for it. */
export function formatCapabilityReply(selfHeader: string, answeringConnect: boolean): string {
  return `${selfHeader} ${answeringConnect ? 'connected' : 'ack'} ${LINK_TOKEN}\n`;
}

export function parseCapabilityReply(line: string): { from: Address; name: string } | null {
  const match = /^(\S+) (\S+) (?:connected|ack) peer-tui\/1$/.exec(line.trim());
  if (!match) return null;
  const address = parseAddress(match[1] ?? '');
  return address.ok ? { from: address.value, name: match[2] ?? '' } : null;
}
