import { parseAddress, type Address } from './address';

/**
 * The peer-tui extension, invisible to other implementations (docs/protocol.md, "Between
 * two peer-tui"): a receiver writes a capability reply naming its link version on the
 * socket of a message it got; a sender of the same version then opens persistent links.
 * - `peer-tui/1`: `LINK_HELLO`, then one clear line per message, `ID IP:PORT NAME TEXT`,
 *   each acknowledged with `LINK_ACK ID`.
 * - `peer-tui/2`: `peer-tui/2 hello IP:PORT` in clear, answered `peer-tui/2 noise`; then a
 *   Noise XX handshake and the same lines inside an encrypted stream (carriers/link/link-negotiation.ts).
 * The id (16 hex digits, kept across restarts) lets a receiver show a resent message once.
 */
export type LinkVersion = 1 | 2;
export const LINK_VERSIONS: readonly LinkVersion[] = [1, 2];
/** What a peer-tui speaks unless told otherwise (`--link-version`). */
export const DEFAULT_LINK_VERSION: LinkVersion = 2;

export const LINK_TOKEN = 'peer-tui/1';
export const LINK_HELLO = `${LINK_TOKEN} hello`;
export const LINK_ACK = `${LINK_TOKEN} ack`;
const SECURE_TOKEN = 'peer-tui/2';
/** The receiver's answer to a secure hello: the next bytes are the Noise handshake. */
export const SECURE_READY = `${SECURE_TOKEN} noise`;

const LINK_LINE = /^([0-9a-f]{16}) ([\s\S]*)$/;
const ACK_LINE = /^peer-tui\/1 ack ([0-9a-f]{16})$/;
const SECURE_HELLO = /^peer-tui\/2 (hello|files) (\S+)$/;
const CAPABILITY_REPLY = /^(\S+) (\S+) (?:connected|ack) peer-tui\/([12])$/;

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

/** The sender's first line on a secure link: its own address, which its key will answer for. */
export function formatSecureHello(ownAddressKey: string): string {
  return `${SECURE_TOKEN} hello ${ownAddressKey}\n`;
}

/** The first line of a files connection (issue 23): the same, for a file's messages. */
export function formatFilesHello(ownAddressKey: string): string {
  return `${SECURE_TOKEN} files ${ownAddressKey}\n`;
}

/** A secure hello: the address it claims, and whether it opens a link or a files connection. */
export function parseSecureHello(line: string): { from: Address; files: boolean } | null {
  const match = SECURE_HELLO.exec(line.trim());
  if (!match) return null;
  const address = parseAddress(match[2] ?? '');
  return address.ok ? { from: address.value, files: match[1] === 'files' } : null;
}

/** `IP:PORT NAME connected peer-tui/2`: the third word satisfies clients that wait for it. */
export function formatCapabilityReply(
  selfHeader: string,
  answeringConnect: boolean,
  version: LinkVersion,
): string {
  return `${selfHeader} ${answeringConnect ? 'connected' : 'ack'} peer-tui/${version}\n`;
}

export function parseCapabilityReply(
  line: string,
): { from: Address; name: string; version: LinkVersion } | null {
  const match = CAPABILITY_REPLY.exec(line.trim());
  if (!match) return null;
  const address = parseAddress(match[1] ?? '');
  const version: LinkVersion = match[3] === '2' ? 2 : 1;
  return address.ok ? { from: address.value, name: match[2] ?? '', version } : null;
}

/** `ID IP:PORT NAME TEXT\n` for a peer-tui link; newlines in the text become spaces. */
export function formatLinkLine(id: string, header: string, text: string): string {
  return `${id} ${header} ${text.replace(/\r?\n|\r/g, ' ')}\n`;
}
