import { lookup } from 'node:dns/promises';
import { normaliseIp } from '../wire/address';

/** A host name as the resolver takes it (RFC 1123 letters, digits, dots and hyphens). */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * An IP address as given, or the address the system resolves a name to (`localhost`,
 * a name in /etc/hosts or DNS), IPv4 first as the assignment's peers listen on it; null
 * when it is neither.
 */
export async function resolveHost(text: string): Promise<string | null> {
  const ip = normaliseIp(text.trim());
  if (ip !== null) return ip;
  if (!HOST_NAME.test(text.trim())) return null;
  try {
    const found = await lookup(text.trim(), { all: true });
    const chosen = found.find((a) => a.family === 4) ?? found[0];
    return chosen === undefined ? null : normaliseIp(chosen.address);
  } catch {
    return null;
  }
}
