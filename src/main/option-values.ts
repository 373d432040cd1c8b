import { InvalidArgumentError } from 'commander';
import { normaliseIp, parseAddress, parsePort, type Address } from '../wire/address';
import { LIMITS, OWN_NAME_PATTERN } from '../wire/limits';
import type { LinkVersion } from '../wire/link';
import { parseRoomName } from '../wire/room';

// Each flag's value, checked: a bad one is refused by commander with the text thrown.

export function parseCount(value: string): number {
  if (!/^\d{1,6}$/.test(value.trim()) || Number(value) < 1)
    throw new InvalidArgumentError('a whole number, at least 1');
  return Number(value);
}

export function parseBacklog(value: string): number {
  const count = Number(value.trim());
  if (!/^\d{1,6}$/.test(value.trim()) || count > LIMITS.maxRoomBacklog)
    throw new InvalidArgumentError(`a whole number from 0 to ${LIMITS.maxRoomBacklog}`);
  return count;
}

export const DEFAULT_GIVE_UP_SECONDS = 600;

export function parseSeconds(value: string): number {
  if (!/^\d{1,7}$/.test(value.trim()) || Number(value) < 1) {
    throw new InvalidArgumentError('a whole number of seconds, at least 1');
  }
  return Number(value);
}

export function parseName(value: string): string {
  if (!OWN_NAME_PATTERN.test(value))
    throw new InvalidArgumentError('1-32 characters from A-Z a-z 0-9 _ . -');
  return value;
}

export function parsePortOption(value: string): number {
  const port = parsePort(value.trim());
  if (port === null) throw new InvalidArgumentError('a whole number from 1 to 65535');
  return port;
}

/** A size: bytes, or with K, M, G (powers of 1024): `64M`. 0 is allowed (none, or off). */
export function parseBytes(value: string): number {
  const match = /^(\d{1,13})\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('a size: bytes, or a number with K, M or G (64M)');
  const power = ' kmg'.indexOf((match[2] ?? '').toLowerCase() || ' ');
  return Number(match[1]) * 1024 ** power;
}

/** `--lan-port`: a UDP port, or 0 for none. */
export function parseLanPort(value: string): number {
  return value.trim() === '0' ? 0 : parsePortOption(value);
}

export function parseIpOption(value: string): string {
  const ip = normaliseIp(value);
  if (ip === null) throw new InvalidArgumentError('a plain IPv4 or IPv6 address');
  return ip;
}

export function parseLinkVersion(value: string): LinkVersion {
  if (value.trim() === '1') return 1;
  if (value.trim() === '2') return 2;
  throw new InvalidArgumentError('1 or 2');
}

export function collectRoom(value: string, previous: string[] | undefined): string[] {
  const room = parseRoomName(value);
  if (room === null) throw new InvalidArgumentError('1-32 of a-z 0-9 _ . -, # optional: cs216');
  return [...(previous ?? []), room];
}

export function collectDhtNode(
  value: string,
  previous: { host: string; port: number }[] | undefined,
): { host: string; port: number }[] {
  const address = parseAddress(value);
  if (!address.ok || address.value.ip.includes(':'))
    throw new InvalidArgumentError('IPv4:PORT of a DHT node, e.g. 127.0.0.1:49737');
  return [...(previous ?? []), { host: address.value.ip, port: address.value.port }];
}

/** A blind relay's public key (`--relay`, as `peer-tui seed` prints it): 64 hex digits. */
export function collectRelay(value: string, previous: string[] | undefined): string[] {
  const key = value.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(key))
    throw new InvalidArgumentError("a relay's key: 64 hex digits, as peer-tui seed prints it");
  const keys = [...(previous ?? []), key];
  if (keys.length > LIMITS.maxRelays) throw new InvalidArgumentError(`at most ${LIMITS.maxRelays}`);
  return keys;
}

export function collectBootstrap(value: string, previous: Address[] | undefined): Address[] {
  const address = parseAddress(value);
  if (!address.ok) throw new InvalidArgumentError('IP:PORT, e.g. 127.0.0.1:9090 or [::1]:9090');
  return [...(previous ?? []), address.value];
}
