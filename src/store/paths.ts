import envPaths from 'env-paths';
import { join } from 'node:path';

/**
 * One folder per identity (name and port) under the platform's data directory
 * (`$XDG_DATA_HOME/peer-tui` on Linux), so peers on one machine never share files.
 */
export function dataDirFor(name: string, port: number, base?: string): string {
  return base ?? join(envPaths('peer-tui', { suffix: '' }).data, `${name}-${port}`);
}
