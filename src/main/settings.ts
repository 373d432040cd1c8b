import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse as parseToml, stringify } from 'smol-toml';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { SettingsPort } from '../app/commands/outcome';
import { buildProgram } from './cli-options';
import { CONFIG_KEYS, type ConfigKey } from './config';
import { parsed } from './config-merge';

/**
 * What changes at once when a setting is set while running, by key; the rest applies
 * at the next start (after `/save`). Returns false when the change cannot apply now.
 */
export type ApplySetting = (key: ConfigKey, value: unknown) => boolean;

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  on: true,
  yes: true,
  false: false,
  off: false,
  no: false,
};

/** `/set KEY VALUE` text as the key's config type: true/off, a number, a list, a text. */
function fromText(key: ConfigKey, text: string): unknown {
  const type = CONFIG_KEYS[key].type as z.ZodType;
  if (type instanceof z.ZodBoolean) {
    const value = BOOLEAN_WORDS[text.trim().toLowerCase()];
    if (value === undefined) throw new Error(`${key}: true or false (on/off)`);
    return value;
  }
  if (type instanceof z.ZodNumber) return Number(text.trim());
  if (type instanceof z.ZodArray) return text.split(/[\s,]+/).filter((item) => item !== '');
  // `""` is the empty text (an empty timestamp-format: no timestamps).
  return text.trim() === '""' ? '' : text.trim();
}

/**
 * The settings of config.toml while the program runs: `/set` checks a value with its
 * flag's own parser, applies what can change at once, and `/save` writes the file
 * (atomically, keeping keys it does not know).
 */
export class Settings implements SettingsPort {
  private readonly program = buildProgram('0');

  constructor(
    private readonly path: string,
    /** Every key's value now, in config.toml's types. */
    private readonly values: Partial<Record<ConfigKey, unknown>>,
    private readonly apply: ApplySetting,
  ) {}

  show(key?: string): string[] {
    if (key !== undefined && !(key in CONFIG_KEYS)) return [`no setting ${key}: /set lists them`];
    const keys = key === undefined ? (Object.keys(CONFIG_KEYS) as ConfigKey[]) : [key as ConfigKey];
    return keys.map((k) => {
      const value = this.values[k];
      return `${k} = ${value === undefined ? '(unset)' : JSON.stringify(value)}`;
    });
  }

  set(key: string, text: string): { ok: boolean; text: string } {
    if (!(key in CONFIG_KEYS)) return { ok: false, text: `no setting ${key}: /set lists them` };
    const configKey = key as ConfigKey;
    let value: unknown;
    try {
      value = fromText(configKey, text);
      const parsedValue: unknown = parsed(
        this.program,
        CONFIG_KEYS[configKey].flag,
        key,
        value,
        null,
      );
      if (Number.isNaN(parsedValue)) throw new Error(`${key}: a whole number`);
    } catch (error) {
      return { ok: false, text: (error as Error).message.replace(/^config : /, '') };
    }
    this.values[configKey] = value;
    const now = this.apply(configKey, value);
    const shown = `${key} = ${JSON.stringify(value)}`;
    return { ok: true, text: now ? shown : `${shown} (from the next start; /save keeps it)` };
  }

  save(): { ok: boolean; text: string } {
    try {
      const kept = existsSync(this.path)
        ? (parseToml(readFileSync(this.path, 'utf8')) as Record<string, unknown>)
        : {};
      for (const [key, value] of Object.entries(this.values))
        if (value !== undefined) kept[key] = value;
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileAtomic.sync(this.path, stringify(kept) + '\n', { mode: 0o600 });
      return { ok: true, text: `settings saved to ${this.path}` };
    } catch (error) {
      return { ok: false, text: `cannot save ${this.path}: ${(error as Error).message}` };
    }
  }
}
