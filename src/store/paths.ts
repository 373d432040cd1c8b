import envPaths from 'env-paths';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * One folder per identity (name and port) under the platform's data directory
 * (`$XDG_DATA_HOME/peer-tui` on Linux), so peers on one machine never share files.
 */
export function dataDirFor(name: string, port: number, base?: string): string {
  return base ?? join(envPaths('peer-tui', { suffix: '' }).data, `${name}-${port}`);
}

/**
 * Where received files go by default: the platform's download folder (XDG_DOWNLOAD_DIR,
 * from the environment or user-dirs.dirs; else ~/Downloads when there is one), else
 * `downloads/` in the identity's data folder.
 */
export function defaultDownloadsDir(dataDir: string): string {
  const home = homedir();
  const config = process.env.XDG_CONFIG_HOME || join(home, '.config');
  let named = process.env.XDG_DOWNLOAD_DIR;
  if (!named) {
    try {
      const dirs = readFileSync(join(config, 'user-dirs.dirs'), 'utf8');
      named = /^XDG_DOWNLOAD_DIR="([^"]+)"/m.exec(dirs)?.[1];
    } catch {
      named = undefined;
    }
  }
  const resolved = named?.replace(/^\$HOME/, home);
  if (resolved && resolved !== home && existsSync(resolved)) return resolved;
  const downloads = join(home, 'Downloads');
  return existsSync(downloads) ? downloads : join(dataDir, 'downloads');
}
