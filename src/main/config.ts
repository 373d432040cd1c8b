import { LIMITS } from '../wire/limits';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';

/**
 * `config.toml`: the settings a flag can give, so `peer-tui` alone starts the identity the
 * file names. Flags override it. Each value is checked by the same parser as its flag.
 */
export const CONFIG_KEYS = {
  name: { flag: 'name', type: z.string(), help: 'team name' },
  port: { flag: 'port', type: z.number().int(), help: 'listening port' },
  host: { flag: 'host', type: z.string(), help: 'bind address' },
  advertise: { flag: 'advertise', type: z.string(), help: 'IP written into headers' },
  bootstrap: { flag: 'bootstrap', type: z.array(z.string()), help: 'peers to greet at start' },
  highlight: { flag: 'highlight', type: z.array(z.string()), help: 'highlight words' },
  bell: { flag: 'bell', type: z.boolean(), help: 'terminal bell' },
  notify: { flag: 'notify', type: z.boolean(), help: 'desktop notifications' },
  'data-dir': { flag: 'dataDir', type: z.string(), help: 'data folder' },
  room: { flag: 'room', type: z.array(z.string()), help: 'rooms to join at start' },
  'room-peers': {
    flag: 'roomPeers',
    type: z.number().int().min(1).max(LIMITS.maxRoomPeers),
    help: 'room connections held at once',
  },
  'room-backlog': {
    flag: 'roomBacklog',
    type: z.number().int().min(0).max(LIMITS.maxRoomBacklog),
    help: 'earlier messages shown on joining a room',
  },
  relay: {
    flag: 'relay',
    type: z.array(z.string()),
    help: 'blind relays for room connections a NAT stops',
  },
  'lan-port': {
    flag: 'lanPort',
    type: z.number().int().min(0).max(65_535),
    help: 'UDP port of LAN discovery for rooms (0: none)',
  },
  downloads: { flag: 'downloads', type: z.string(), help: 'where received files are saved' },
  'auto-accept': {
    flag: 'autoAccept',
    type: z.union([z.number().int().min(0), z.string()]),
    help: 'files up to this size are accepted unasked (0: none)',
  },
  'file-max': {
    flag: 'fileMax',
    type: z.union([z.number().int().min(0), z.string()]),
    help: 'the largest file sent or accepted',
  },
  'files-total': {
    flag: 'filesTotal',
    type: z.union([z.number().int().min(0), z.string()]),
    help: 'all received files kept at once',
  },
  color: { flag: 'color', type: z.boolean(), help: 'colours on the screen' },
  panel: { flag: 'panel', type: z.boolean(), help: 'the side panels on the screen' },
  mouse: { flag: 'mouse', type: z.boolean(), help: 'clicks captured by the screen' },
  'timestamp-format': {
    flag: 'timestampFormat',
    type: z.string(),
    help: "the log's timestamps, strftime-like",
  },
} as const;

export type ConfigKey = keyof typeof CONFIG_KEYS;

const ConfigSchema = z
  .object(
    Object.fromEntries(
      Object.entries(CONFIG_KEYS).map(([key, spec]) => [key, spec.type.optional()]),
    ) as { [K in ConfigKey]: z.ZodOptional<(typeof CONFIG_KEYS)[K]['type']> },
  )
  .passthrough();

export type ConfigValues = Partial<Record<ConfigKey, unknown>>;

export type LoadedConfig =
  | { ok: true; path: string | null; values: ConfigValues; warnings: string[] }
  | { ok: false; error: string };

/** `$XDG_CONFIG_HOME/peer-tui/config.toml` (the platform's config folder). */
export function defaultConfigPath(): string {
  return join(envPaths('peer-tui', { suffix: '' }).config, 'config.toml');
}

/**
 * Reads the file at `path` (or the default one, which may be absent). A file that is not
 * TOML, or a key of the wrong type, is an error naming the key; an unknown key a warning.
 */
export function loadConfig(path?: string): LoadedConfig {
  const file = path ?? defaultConfigPath();
  if (!existsSync(file)) {
    if (path !== undefined) return { ok: false, error: `config ${file}: no such file` };
    return { ok: true, path: null, values: {}, warnings: [] };
  }
  let raw: unknown;
  try {
    raw = parseToml(readFileSync(file, 'utf8'));
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'not TOML';
    return { ok: false, error: `config ${file}: ${message}` };
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '?');
    const wanted = key in CONFIG_KEYS ? describe(key as ConfigKey) : 'a known key';
    return { ok: false, error: `config ${file}: ${key}: ${wanted}` };
  }
  const values: ConfigValues = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(parsed.data)) {
    if (key in CONFIG_KEYS) values[key as ConfigKey] = value;
    else warnings.push(`config ${file}: unknown key "${key}" ignored`);
  }
  return { ok: true, path: file, values, warnings };
}

function describe(key: ConfigKey): string {
  const type = CONFIG_KEYS[key].type;
  if (type instanceof z.ZodArray) return 'a list of strings';
  if (type instanceof z.ZodBoolean) return 'true or false';
  if (type instanceof z.ZodNumber) return 'a whole number';
  return 'a string';
}
