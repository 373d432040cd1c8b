import { Command, InvalidArgumentError } from 'commander';
import type { Address } from '../wire/address';
import { LIMITS } from '../wire/limits';
import { DEFAULT_LINK_VERSION, type LinkVersion } from '../wire/link';
import { DEFAULT_TIMESTAMP_FORMAT } from '../app/time';
import {
  collectBootstrap,
  collectDhtNode,
  collectRelay,
  collectRoom,
  DEFAULT_GIVE_UP_SECONDS,
  parseBacklog,
  parseBytes,
  parseCount,
  parseIpOption,
  parseLanPort,
  parseLinkVersion,
  parseName,
  parsePortOption,
  parseSeconds,
} from './option-values';

export { parseName, parsePortOption } from './option-values';

export type Mode = 'screen' | 'menu' | 'headless';

export interface CliOptions {
  name?: string;
  port?: number;
  host?: string;
  advertise?: string;
  bootstrap: Address[];
  mode: Mode;
  json: boolean;
  discovery: boolean;
  /** `peer-tui demo`: three bot peers on loopback join in. */
  demo: boolean;
  /** `peer-tui history`: print the history of an identity and exit. */
  history: boolean;
  /** `peer-tui config`: print the effective settings and where each came from. */
  showConfig: boolean;
  /** `peer-tui seed`: a DHT and a blind relay for a class, until stopped. */
  seed: boolean;
  /** With `history`: only lines containing this (any case). */
  grep?: string;
  /** The identity's data folder; the platform's data directory when absent. */
  dataDir?: string;
  /** Write no history file (the outbox and known peers are still kept). */
  keepHistory: boolean;
  /** A message still undelivered this long after it was typed has failed. */
  giveUpMs: number;
  maxConnections?: number;
  /** Words that make a message a highlight, besides your name (`--highlight`, repeatable). */
  highlight: string[];
  /** The terminal bell on a highlight or a message to another view (`--no-bell` off). */
  bell: boolean;
  /** Desktop notifications through the terminal (OSC 777 and OSC 9). */
  notify: boolean;
  /** The peer-tui link spoken with other peer-tui: 2 (encrypted) unless told. */
  linkVersion: LinkVersion;
  /** Rooms to join at start (`--room`, repeatable). */
  rooms: string[];
  /** A private DHT's bootstrap nodes (`--dht-bootstrap`); Hyperswarm's public ones if none. */
  dhtBootstrap: { host: string; port: number }[];
  /** Blind relays' keys (`--relay`): room connections a NAT stops go through one. */
  relays: string[];
  /** The address our DHT node binds (`--dht-host`). */
  dhtHost?: string;
  /** Room connections held at once (`--room-peers`). */
  roomPeers: number;
  /** LAN discovery of rooms' members (`--lan-port`): its UDP port, 0 for none. */
  lanPort: number;
  /** Earlier messages a room's view shows on joining (`--room-backlog`). */
  roomBacklog: number;
  /** Files (issue 23): the downloads folder, unasked under, caps per file and in all. */
  downloads?: string;
  autoAccept: number;
  fileMax: number;
  filesTotal: number;
  /** Colours on the screen: off with NO_COLOR, `--no-color`, `color = false`. */
  color: boolean;
  /** The peer panel and traffic beside the log (`--no-panel`, `panel = false`). */
  panel: boolean;
  /** Clicks captured by the screen (`--no-mouse` leaves the mouse to the terminal). */
  mouse: boolean;
  /** The log's timestamps, strftime-like; '' for none. */
  timestampFormat: string;
  /** `--config FILE`: where settings are read and `/save` writes. */
  configPath?: string;
}

export function buildProgram(version: string): Command {
  return new Command('peer-tui')
    .description('Peer-to-peer terminal chat: every instance is a TCP server and a client.')
    .version(version, '-V, --version')
    .option('-n, --name <NAME>', 'team name, 1-32 characters from [A-Za-z0-9_.-]', parseName)
    .option('-p, --port <PORT>', 'listening TCP port, 1-65535', parsePortOption)
    .option('--host <ADDR>', 'bind address (default: all interfaces, IPv4 and IPv6)', parseIpOption)
    .option(
      '--advertise <IP>',
      'IP written into outgoing headers (default: the local address of each connection)',
      parseIpOption,
    )
    .option(
      '--bootstrap <IP:PORT>',
      'peer to greet with a connect at start-up; repeatable',
      collectBootstrap,
    )
    .option('--discovery', 'answer UDP "Who is online?" on port 50000 (off by default)')
    .argument(
      '[command]',
      'demo: open with three bot peers on loopback; history: print the history of --name/--port and exit; config: print the effective settings and where each came from; seed: run a DHT and a blind relay for a class (--host, --port, --data-dir, --json)',
    )
    .option(
      '--data-dir <DIR>',
      'where history, outbox and known peers live (default: the data directory, one folder per name and port)',
    )
    .option('--no-history', 'write no history file')
    .option(
      '--give-up <SECONDS>',
      `a message undelivered this long has failed (default: ${DEFAULT_GIVE_UP_SECONDS})`,
      parseSeconds,
    )
    .option('--grep <TEXT>', 'with history: only the lines that contain TEXT')
    .option(
      '--max-connections <N>',
      'inbound connections held at once; past it the longest idle makes room (default: 16384, or less under the open-files limit)',
      parseCount,
    )
    .option(
      '--menu',
      "the assignment's numbered menu on stdin/stdout (default when not on a terminal)",
    )
    .option('--headless', 'no UI: one line per event on stdout, slash commands on stdin')
    .option('--json', 'with --headless: one JSON object per event')
    .option(
      '--highlight <WORD>',
      'a message with WORD (whole word, any case) is a highlight, like your name (repeatable)',
      (word: string, words: string[] = []) => [...words, word],
    )
    .option('--no-bell', 'no terminal bell on highlights and messages to other views')
    .option(
      '--config <FILE>',
      'settings file (default: $XDG_CONFIG_HOME/peer-tui/config.toml); keys: name, port, host, advertise, bootstrap, highlight, bell, notify, data-dir, room, room-peers, room-backlog, relay, lan-port, downloads, auto-accept, file-max, files-total, color, panel, mouse, timestamp-format; flags override it',
    )
    .option('--notify', 'also a desktop notification through the terminal (OSC 777, OSC 9)')
    .option(
      '--room <ROOM>',
      'join a room by name over Hyperswarm at start, # optional (repeatable); nothing is contacted without one',
      collectRoom,
    )
    .option(
      '--room-peers <N>',
      `room connections held at once; the rest of a room is reached through them (default ${LIMITS.defaultRoomPeers})`,
      parseCount,
    )
    .option(
      '--room-backlog <N>',
      `earlier messages a room's view shows on joining (default ${LIMITS.defaultRoomBacklog})`,
      parseBacklog,
    )
    .option(
      '--dht-bootstrap <HOST:PORT>',
      'a private DHT to find rooms on (repeatable; a classroom server, a test) instead of the public one',
      collectDhtNode,
    )
    .option(
      '--relay <KEY>',
      "a blind relay's key (peer-tui seed prints it; repeatable): a room connection that NATs stop goes through it, end-to-end encrypted",
      collectRelay,
    )
    .option(
      '--lan-port <PORT>',
      `the UDP port rooms' members find each other on a LAN with, DHT or not (default ${LIMITS.lanPort}; 0: not at all)`,
      parseLanPort,
    )
    .option(
      '--dht-host <ADDR>',
      "the address peer-tui's DHT node binds (tests: 127.0.0.1)",
      parseIpOption,
    )
    .option(
      '--downloads <DIR>',
      "where received files are saved (default: the platform's download folder, else downloads/ in the data folder)",
    )
    .option(
      '--auto-accept <BYTES>',
      'files offered up to this size (64M, 1G) are accepted unasked (default 0: none)',
      parseBytes,
    )
    .option(
      '--file-max <BYTES>',
      `the largest file sent or accepted (default ${LIMITS.defaultFileMaxBytes / 1024 ** 3}G)`,
      parseBytes,
    )
    .option(
      '--files-total <BYTES>',
      `received files kept at once, in all (default ${LIMITS.defaultFilesTotalBytes / 1024 ** 3}G)`,
      parseBytes,
    )
    .option('--no-color', 'no colours on the screen (also when NO_COLOR is set): attributes only')
    .option('--no-panel', 'no side panels: the log takes the whole width (F2 toggles)')
    .option('--no-mouse', 'leave the mouse to the terminal (Alt-M toggles)')
    .option(
      '--timestamp-format <FORMAT>',
      `the log's timestamps: %H %M %S %d %m %Y %y (default: ${DEFAULT_TIMESTAMP_FORMAT}; '' for none)`,
      (value: string) => {
        if (value.length > 40) throw new InvalidArgumentError('at most 40 characters');
        return value;
      },
    )
    .option(
      '--link-version <1|2>',
      'link spoken with other peer-tui: 2, encrypted (default), or 1, plain (peer-tui before keys; benchmarks)',
      parseLinkVersion,
    )
    .exitOverride()
    .configureOutput({ outputError: () => {} });
}

/** no-color.org: NO_COLOR set to anything but the empty string turns colours off. */
function noColor(): boolean {
  const value = process.env.NO_COLOR;
  return value !== undefined && value !== '';
}

/** `terminals`: stdin and stdout are both terminals, so the full screen is the default. */
export function toCliOptions(
  raw: Record<string, unknown>,
  args: string[],
  terminals: boolean,
): CliOptions {
  if (raw.menu && raw.headless) throw new InvalidArgumentError('--menu and --headless: choose one');
  const [command, ...extra] = args;
  const commands = [undefined, 'demo', 'history', 'config', 'seed'];
  if (!commands.includes(command) || extra.length > 0) {
    throw new InvalidArgumentError(
      `unknown command ${JSON.stringify(args.join(' '))}: the commands are demo, history, config and seed`,
    );
  }
  if (raw.grep !== undefined && command !== 'history')
    throw new InvalidArgumentError('--grep goes with history');
  if (raw.json && !raw.headless && command !== 'seed')
    throw new InvalidArgumentError('--json goes with --headless (or seed)');
  return {
    name: raw.name as string | undefined,
    port: raw.port as number | undefined,
    host: raw.host as string | undefined,
    advertise: raw.advertise as string | undefined,
    bootstrap: (raw.bootstrap as Address[] | undefined) ?? [],
    mode: raw.headless ? 'headless' : raw.menu || !terminals ? 'menu' : 'screen',
    demo: command === 'demo',
    json: Boolean(raw.json),
    discovery: Boolean(raw.discovery),
    history: command === 'history',
    showConfig: command === 'config',
    seed: command === 'seed',
    grep: raw.grep as string | undefined,
    dataDir: raw.dataDir as string | undefined,
    keepHistory: raw.history !== false,
    giveUpMs: ((raw.giveUp as number | undefined) ?? DEFAULT_GIVE_UP_SECONDS) * 1000,
    maxConnections: raw.maxConnections as number | undefined,
    highlight: (raw.highlight as string[] | undefined) ?? [],
    bell: raw.bell !== false,
    notify: Boolean(raw.notify),
    linkVersion: (raw.linkVersion as LinkVersion | undefined) ?? DEFAULT_LINK_VERSION,
    rooms: (raw.room as string[] | undefined) ?? [],
    dhtBootstrap: (raw.dhtBootstrap as { host: string; port: number }[] | undefined) ?? [],
    relays: (raw.relay as string[] | undefined) ?? [],
    dhtHost: raw.dhtHost as string | undefined,
    lanPort: (raw.lanPort as number | undefined) ?? LIMITS.lanPort,
    roomPeers: (raw.roomPeers as number | undefined) ?? LIMITS.defaultRoomPeers,
    roomBacklog: (raw.roomBacklog as number | undefined) ?? LIMITS.defaultRoomBacklog,
    downloads: raw.downloads as string | undefined,
    autoAccept: (raw.autoAccept as number | undefined) ?? 0,
    fileMax: (raw.fileMax as number | undefined) ?? LIMITS.defaultFileMaxBytes,
    filesTotal: (raw.filesTotal as number | undefined) ?? LIMITS.defaultFilesTotalBytes,
    color: raw.color !== false && !noColor(),
    panel: raw.panel !== false,
    mouse: raw.mouse !== false,
    timestampFormat: (raw.timestampFormat as string | undefined) ?? DEFAULT_TIMESTAMP_FORMAT,
    configPath: raw.config as string | undefined,
  };
}
