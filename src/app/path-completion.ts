import { readdirSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';

/** Paths Tab offers at once: a folder of thousands is narrowed by typing, not listed. */
const MAX_PATHS = 200;

/**
 * What Tab offers for a path being typed (`/file #room ~/Doc`): the entries of its
 * folder that start with the last part, folders ending in `/`, hidden ones only when the
 * part starts with a dot, written as the user began (`~/` kept).
 */
export function pathCompletions(word: string, home = homedir()): string[] {
  const typedDir = word.slice(0, word.lastIndexOf('/') + 1);
  const prefix = word.slice(typedDir.length);
  const dir = typedDir === '' ? '.' : typedDir.replace(/^~\//, `${home}/`);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.name.startsWith(prefix))
    .filter((entry) => prefix.startsWith('.') || !entry.name.startsWith('.'))
    .map((entry) => `${typedDir}${entry.name}${entry.isDirectory() ? '/' : ''}`)
    .sort()
    .slice(0, MAX_PATHS);
}

/** Whether the word being completed is a command's path: `/file TARGET PATH`. */
export function completesPath(before: string): boolean {
  return /^\s*\/file\s+\S+\s+$/i.test(before);
}
