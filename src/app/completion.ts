import { COMMAND_NAMES } from './commands';

/** What Tab offers for `word`: command names first on the line, peer addresses elsewhere. */
export function completions(word: string, isFirstWord: boolean, addresses: string[]): string[] {
  if (isFirstWord && word.startsWith('/')) {
    return COMMAND_NAMES.filter((name) => name.startsWith(word.toLowerCase()));
  }
  return addresses.filter((address) => address.startsWith(word));
}
