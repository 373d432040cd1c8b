import type { Command } from 'commander';
import { CONFIG_KEYS, loadConfig, type ConfigKey } from './config';

export interface Merged {
  /** The config file read, if any. */
  path: string | null;
  warnings: string[];
  /** Where each setting came from: `flag`, `config` or `default`. */
  sources: Record<ConfigKey, 'flag' | 'config' | 'default'>;
}

/**
 * Gives `program` the config file's values for every setting no flag gave, each through
 * the flag's own parser (so a file is checked exactly as the command line is). Throws an
 * Error naming the file and the key when a value is not allowed.
 */
export function mergeConfig(program: Command): Merged {
  const file = program.opts().config as string | undefined;
  const loaded = loadConfig(file);
  if (!loaded.ok) throw new Error(loaded.error);
  const sources = {} as Merged['sources'];
  for (const [key, spec] of Object.entries(CONFIG_KEYS) as [
    ConfigKey,
    (typeof CONFIG_KEYS)[ConfigKey],
  ][]) {
    const fromFlag = program.getOptionValueSource(spec.flag) === 'cli';
    const value = loaded.values[key];
    sources[key] = fromFlag ? 'flag' : value === undefined ? 'default' : 'config';
    if (fromFlag || value === undefined) continue;
    program.setOptionValueWithSource(
      spec.flag,
      parsed(program, spec.flag, key, value, loaded.path),
      'config',
    );
  }
  return { path: loaded.path, warnings: loaded.warnings, sources };
}

/** A config value through its flag's parser (a list item by item); throws naming the key. */
export function parsed(
  program: Command,
  flag: string,
  key: string,
  value: unknown,
  path: string | null,
): unknown {
  const option = program.options.find((o) => o.attributeName() === flag);
  const parse = option?.parseArg as ((text: string, previous: unknown) => unknown) | undefined;
  if (!parse || typeof value === 'boolean') return value;
  try {
    if (Array.isArray(value))
      return value.reduce((all: unknown, item) => parse(String(item), all), undefined);
    return parse(String(value), undefined);
  } catch (error) {
    throw new Error(`config ${path ?? ''}: ${key}: ${(error as Error).message}`);
  }
}
