import { COMMAND_NAMES } from './commands';

/** What Tab completes a peer by: its address, the name it claims, and your alias for it. */
export interface Completable {
  address: { key: string };
  name: string;
  alias: string | null;
}

/** The words Tab offers for peers (and rooms), each once, in the order given. */
export function peerWords(peers: Iterable<Completable>, rooms: Iterable<string> = []): string[] {
  const words = new Set<string>();
  for (const peer of peers) {
    words.add(peer.address.key);
    if (peer.alias !== null) words.add(peer.alias);
    if (peer.name !== '') words.add(peer.name);
  }
  for (const room of rooms) words.add(room);
  return [...words];
}

/**
 * What Tab offers for `word`: command names first on the line, else peers' addresses,
 * names and aliases and rooms (names match in any case).
 */
export function completions(word: string, isFirstWord: boolean, words: string[]): string[] {
  if (isFirstWord && word.startsWith('/')) {
    return COMMAND_NAMES.filter((name) => name.startsWith(word.toLowerCase()));
  }
  const lower = word.toLowerCase();
  return words.filter((candidate) => candidate.toLowerCase().startsWith(lower));
}
