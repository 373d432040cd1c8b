import { makeAddress, parseAddress, parsePort } from '../../wire/address';
import { resolveHost } from '../resolve-host';
import type { Completable } from '../completion';
import { parseCommand } from './index';

export type Resolved = { ok: true; line: string } | { ok: false; error: string };

/** The peers a word names: your alias for them or the name they claim, in any case. */
export function peersNamed(peers: Iterable<Completable>, word: string): string[] {
  const wanted = word.toLowerCase();
  const found: string[] = [];
  for (const peer of peers)
    if (peer.alias?.toLowerCase() === wanted || peer.name.toLowerCase() === wanted)
      found.push(peer.address.key);
  return found;
}

/**
 * A command's peer given by name, alias or host name (`/msg kitty hi`, `/query amy`,
 * `/send localhost:9090 hi`) becomes its `IP:PORT`, as WeeChat and irssi take a nick
 * anywhere: a name that fits several peers lists them. A line that already parses, or
 * whose first word is no name, is left for the command table to judge.
 */
export async function resolvePeerWords(
  line: string,
  peers: () => Iterable<Completable>,
): Promise<Resolved> {
  const match = /^(\s*\/\S+\s+)(\S+)([\s\S]*)$/.exec(line);
  if (!match || parseCommand(line).ok) return { ok: true, line };
  const [, head = '', word = '', rest = ''] = match;
  if (word.startsWith('#') || word.startsWith('@') || parseAddress(word).ok)
    return { ok: true, line };
  const named = peersNamed(peers(), word);
  if (named.length > 1)
    return { ok: false, error: `"${word}" names ${named.length} peers: ${named.join(' ')}` };
  const replaced = (key: string): Resolved => {
    const candidate = `${head}${key}${rest}`;
    return parseCommand(candidate).ok ? { ok: true, line: candidate } : { ok: true, line };
  };
  if (named[0] !== undefined) return replaced(named[0]);
  const hostPort = /^(.+):(\d{1,5})$/.exec(word);
  const port = hostPort ? parsePort(hostPort[2] ?? '') : null;
  if (!hostPort || port === null) return { ok: true, line };
  const ip = await resolveHost(hostPort[1] ?? '');
  if (ip === null) return { ok: false, error: `${hostPort[1] ?? ''}: no such host or peer name` };
  return replaced(makeAddress(ip, port).key);
}
