import { isIPv6 } from 'node:net';
import { z } from 'zod';
import { fail, ok, type Result } from './errors';

/** A listening address: the identity of a peer. `key` is its one spelling. */
export const AddressSchema = z.object({
  ip: z.string(),
  port: z.number().int().min(1).max(65535),
  key: z.string(),
});
/** Shared, never changed: parsed addresses are reused across messages. */
export type Address = Readonly<z.infer<typeof AddressSchema>>;

// Dotted decimal only: `010.0.0.1`, `0x7f.0.0.1` and `127.1` mean different hosts to
// different parsers, so we accept none of them.
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const PORT = /^[1-9]\d{0,4}$/;

export function isStrictIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** Canonical text of an IP, or null. IPv4-mapped IPv6 becomes plain IPv4. */
export function normaliseIp(text: string): string | null {
  if (isStrictIPv4(text)) return text;
  // What a dual-stack socket reports for every IPv4 peer: answered without the IPv6 parser.
  if (text.startsWith('::ffff:') && isStrictIPv4(text.slice(7))) return text.slice(7);
  if (!isIPv6(text)) return null;
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const high = parseInt(mapped[1] ?? '0', 16);
  const low = parseInt(mapped[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function parsePort(text: string): number | null {
  if (!PORT.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

export function makeAddress(ip: string, port: number): Address {
  const key = ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
  return { ip, port, key };
}

/**
 * A peer known by its key only (a room member): `@` and the first 16 hex digits of its
 * public key (its full key is pinned with it). No IP, no port: it is reached through its
 * room connection, never dialled.
 */
export function makeKeyAddress(publicKeyHex: string): Address {
  return { ip: '', port: 0, key: `@${publicKeyHex.slice(0, 16)}` };
}

export function isKeyAddress(address: Address): boolean {
  return address.port === 0 && address.key.startsWith('@');
}

/** Splits `IP:PORT`, `[IPv6]:PORT` or `::ffff:a.b.c.d:PORT` into its text parts. */
function splitHostPort(text: string): { host: string; port: string } | null {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ?? '' };
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  const host = text.slice(0, colon);
  // A bare IPv6 host is ambiguous with its port unless it ends in dotted IPv4.
  if (host.includes(':') && !host.includes('.')) return null;
  return { host, port: text.slice(colon + 1) };
}

// A sender repeats its header on every message: remember recent answers (bounded).
const recent = new Map<string, Result<Address>>();
const RECENT_LIMIT = 4096;

/** The last answer: a sender's lines come in runs, and a compare is cheaper than a probe. */
let last: { text: string; result: Result<Address> } | undefined;

/** `IP:PORT` text from an untrusted peer or from the user, to a normalised address. */
export function parseAddress(text: string): Result<Address> {
  if (last !== undefined && text === last.text) return last.result;
  const known = recent.get(text) ?? parseAddressFresh(text);
  last = { text, result: known };
  return known;
}

function parseAddressFresh(text: string): Result<Address> {
  const result = parseAddressUncached(text);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(text, result);
  return result;
}

function parseAddressUncached(text: string): Result<Address> {
  const parts = splitHostPort(text);
  if (!parts) return fail('E_BAD_ADDRESS', `not an IP:PORT address: ${text}`);
  const ip = normaliseIp(parts.host);
  if (ip === null) return fail('E_BAD_ADDRESS', `not a plain IP address: ${parts.host}`);
  const port = parsePort(parts.port);
  if (port === null) return fail('E_BAD_PORT', `not a port from 1 to 65535: ${parts.port}`);
  return ok(makeAddress(ip, port));
}
