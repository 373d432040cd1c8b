import { CONFIG_KEYS, defaultConfigPath, type ConfigKey } from './config';
import type { Merged } from './config-merge';
import type { CliOptions } from './cli-options';
import { Settings, type ApplySetting } from './settings';
import { dataDirFor } from '../store/paths';

/** The data folder in use: the one given, else the one of this name and port. */
function dataDirShown(options: CliOptions): string {
  if (options.dataDir !== undefined || (options.name !== undefined && options.port !== undefined))
    return dataDirFor(options.name ?? '', options.port ?? 0, options.dataDir);
  return dataDirFor('NAME', 0).replace(/NAME-0$/, 'NAME-PORT');
}

/** Every setting's value now, in config.toml's types. */
function effectiveValues(options: CliOptions): Record<ConfigKey, unknown> {
  return {
    name: options.name,
    port: options.port,
    host: options.host,
    advertise: options.advertise,
    bootstrap: options.bootstrap.map((address) => address.key),
    highlight: options.highlight,
    bell: options.bell,
    notify: options.notify,
    'data-dir': dataDirShown(options),
    room: options.rooms,
    'room-peers': options.roomPeers,
    'room-backlog': options.roomBacklog,
    relay: options.relays,
    'lan-port': options.lanPort,
    downloads: options.downloads,
    'auto-accept': options.autoAccept,
    'file-max': options.fileMax,
    'files-total': options.filesTotal,
    color: options.color,
    panel: options.panel,
    mouse: options.mouse,
    'timestamp-format': options.timestampFormat,
  };
}

/**
 * The settings `/set` changes and `/save` writes: those a flag or the file gave, and what
 * is set while running; `apply` changes what can change at once.
 */
export function settingsFor(options: CliOptions, merged: Merged, apply: ApplySetting): Settings {
  const all = effectiveValues(options);
  const given = Object.fromEntries(
    (Object.keys(all) as ConfigKey[])
      .filter((key) => merged.sources[key] !== 'default' && key !== 'data-dir')
      .map((key) => [key, all[key]]),
  );
  return new Settings(merged.path ?? options.configPath ?? defaultConfigPath(), given, apply);
}

/** `peer-tui config`: each setting, its value, and whether a flag, the file or the default gave it. */
export function printConfig(options: CliOptions, merged: Merged): void {
  const values = effectiveValues(options);
  process.stdout.write(
    `# config file: ${merged.path ?? `none (${defaultConfigPath()} does not exist)`}\n`,
  );
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKey[]) {
    const value = values[key] === undefined ? '(unset)' : JSON.stringify(values[key]);
    process.stdout.write(`${key.padEnd(16)} = ${value.padEnd(28)} # ${merged.sources[key]}\n`);
  }
}
