import { readFileSync } from 'node:fs';
import { LIMITS } from '../../wire/limits';

/** Descriptors kept free for the listening socket, outgoing connections and files. */
const RESERVED = 32;
const FLOOR = 8;

/** The soft limit on open files, where the system tells it (Linux: /proc/self/limits). */
export function openFilesLimit(): number | undefined {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How many inbound connections to hold. Below the open-files limit, so a crowd meets
 * eviction of the longest idle, never EMFILE (where libuv silently drops new connections).
 */
export function inboundLimit(
  limit: number | undefined = openFilesLimit(),
  wanted: number = LIMITS.maxInbound,
): number {
  if (limit === undefined) return wanted;
  return Math.max(FLOOR, Math.min(wanted, limit - RESERVED));
}
