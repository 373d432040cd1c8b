import { normaliseIp, parseAddress, type Address } from '../protocol/address';

/** A typed command from the input line. */
export type Command =
  | { kind: 'send'; to: Address; text: string }
  | { kind: 'say'; text: string }
  | { kind: 'to'; to: Address }
  | { kind: 'broadcast'; text: string }
  | { kind: 'connect'; to?: Address }
  | { kind: 'peers' }
  | { kind: 'exit'; to: Address }
  | { kind: 'discover'; ip: string }
  | { kind: 'outbox' }
  | { kind: 'retry' }
  | { kind: 'search'; text: string }
  | { kind: 'filter'; text: string }
  | { kind: 'quit' }
  | { kind: 'help' };

export type CommandResult = { ok: true; command: Command } | { ok: false; error: string };

export const COMMAND_HELP: readonly [string, string][] = [
  ['/send IP:PORT TEXT', 'send TEXT to a peer and make it the target'],
  ['/msg IP:PORT TEXT', 'the same as /send'],
  ['/to IP:PORT', 'make a peer the target of plain text'],
  ['/broadcast TEXT', 'send TEXT to every connected peer'],
  ['/connect [IP:PORT]', 'connect to one peer, or to every known peer'],
  ['/peers', "list the connected peers (the assignment's query)"],
  ['/exit IP:PORT', 'send `exit` to a peer: it drops us from its list'],
  ['/discover IP', 'ask IP over UDP (port 50000) who is online'],
  ['/outbox', 'list the messages waiting for their peers, and those that failed'],
  ['/retry', 'send the failed messages again'],
  ['/search TEXT', 'find TEXT in the history'],
  ['/filter [TEXT]', 'show only peers whose address or name has TEXT; alone, show all'],
  ['/quit', 'send `exit` to every connected peer and leave'],
  ['/help', 'this list'],
];

type Parser = (first: string | undefined, rest: string) => CommandResult;

const ok = (command: Command): CommandResult => ({ ok: true, command });
const error = (message: string): CommandResult => ({ ok: false, error: message });

function withAddress(
  text: string | undefined,
  usage: string,
  build: (to: Address) => CommandResult,
): CommandResult {
  if (text === undefined || text === '') return error(`usage: ${usage}`);
  const parsed = parseAddress(text);
  return parsed.ok ? build(parsed.value) : error(`${parsed.error.message} (usage: ${usage})`);
}

/** The text of a command whose only argument is text (its first word was split off). */
const wholeText = (first: string | undefined, rest: string): string =>
  [first, rest].filter((part) => part !== undefined && part !== '').join(' ');

const send: Parser = (first, rest) =>
  withAddress(first, '/send IP:PORT TEXT', (to) =>
    rest === '' ? error('usage: /send IP:PORT TEXT') : ok({ kind: 'send', to, text: rest }),
  );

// A Map, not an object: `/__proto__` or `/constructor` must be unknown commands, not members.
const PARSERS = new Map<string, Parser>(
  Object.entries({
    send,
    msg: send,
    to: (first) => withAddress(first, '/to IP:PORT', (to) => ok({ kind: 'to', to })),
    broadcast: (first, rest) => {
      const text = wholeText(first, rest);
      return text === '' ? error('usage: /broadcast TEXT') : ok({ kind: 'broadcast', text });
    },
    connect: (first) =>
      first === undefined
        ? ok({ kind: 'connect' })
        : withAddress(first, '/connect [IP:PORT]', (to) => ok({ kind: 'connect', to })),
    exit: (first) => withAddress(first, '/exit IP:PORT', (to) => ok({ kind: 'exit', to })),
    discover: (first) => {
      const ip = normaliseIp(first ?? '');
      return ip === null ? error('usage: /discover IP') : ok({ kind: 'discover', ip });
    },
    peers: () => ok({ kind: 'peers' }),
    outbox: () => ok({ kind: 'outbox' }),
    retry: () => ok({ kind: 'retry' }),
    search: (first, rest) => {
      const text = wholeText(first, rest);
      return text === '' ? error('usage: /search TEXT') : ok({ kind: 'search', text });
    },
    filter: (first, rest) => ok({ kind: 'filter', text: wholeText(first, rest) }),
    quit: () => ok({ kind: 'quit' }),
    help: () => ok({ kind: 'help' }),
  } satisfies Record<string, Parser>),
);

/** `/send 127.0.0.1:9090 hello there` to a Command, or a line saying what is wrong. */
export function parseCommand(line: string): CommandResult {
  const match = /^\/(\S+)(?:\s+(\S+))?(?:\s([\s\S]*))?$/.exec(line.trim());
  if (!match) return error('commands start with /; /help lists them');
  const [, name = '', first, rest = ''] = match;
  const parser = PARSERS.get(name.toLowerCase());
  if (!parser) return error(`unknown command /${name.toLowerCase()}; /help lists them`);
  return parser(first, rest.trim());
}

/** The screen's input: a command, or plain text for the current target. */
export function parseInput(line: string): CommandResult {
  if (line.trimStart().startsWith('/')) return parseCommand(line);
  return line.trim() === '' ? error('nothing to send') : ok({ kind: 'say', text: line });
}
