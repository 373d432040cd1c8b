import { normaliseIp, parseAddress, type Address } from '../protocol/address';

/** A typed command from the input line. */
export type Command =
  | { kind: 'send'; to: Address; text: string }
  | { kind: 'connect'; to?: Address }
  | { kind: 'peers' }
  | { kind: 'exit'; to: Address }
  | { kind: 'discover'; ip: string }
  | { kind: 'quit' }
  | { kind: 'help' };

export type CommandResult = { ok: true; command: Command } | { ok: false; error: string };

export const COMMAND_HELP: readonly [string, string][] = [
  ['/send IP:PORT TEXT', 'send TEXT to a peer (alias /msg)'],
  ['/connect [IP:PORT]', 'connect to one peer, or to every known peer'],
  ['/peers', "list the connected peers (the assignment's query)"],
  ['/exit IP:PORT', 'send `exit` to a peer: it drops us from its list'],
  ['/discover IP', 'ask IP over UDP who is online (port 50000); answers become known peers'],
  ['/quit', 'send `exit` to every connected peer and leave'],
  ['/help', 'this list'],
];

const USAGE: Record<string, string> = {
  send: 'usage: /send IP:PORT TEXT',
  connect: 'usage: /connect [IP:PORT]',
  exit: 'usage: /exit IP:PORT',
};

function address(text: string | undefined, usage: string): Address | string {
  if (text === undefined || text === '') return usage;
  const parsed = parseAddress(text);
  return parsed.ok ? parsed.value : `${parsed.error.message} (${usage})`;
}

/** `/send 127.0.0.1:9090 hello there` to a Command, or a line saying what is wrong. */
export function parseCommand(line: string): CommandResult {
  const match = /^\/(\S+)(?:\s+(\S+))?(?:\s([\s\S]*))?$/.exec(line.trim());
  if (!match) return { ok: false, error: 'commands start with /; /help lists them' };
  const [, rawName = '', first, rest] = match;
  const name = rawName.toLowerCase();
  switch (name) {
    case 'send':
    case 'msg': {
      const to = address(first, USAGE.send ?? '');
      const text = rest?.trim() ?? '';
      if (typeof to === 'string') return { ok: false, error: to };
      if (text === '') return { ok: false, error: USAGE.send ?? '' };
      return { ok: true, command: { kind: 'send', to, text } };
    }
    case 'connect': {
      if (first === undefined) return { ok: true, command: { kind: 'connect' } };
      const to = address(first, USAGE.connect ?? '');
      return typeof to === 'string'
        ? { ok: false, error: to }
        : { ok: true, command: { kind: 'connect', to } };
    }
    case 'exit': {
      const to = address(first, USAGE.exit ?? '');
      return typeof to === 'string'
        ? { ok: false, error: to }
        : { ok: true, command: { kind: 'exit', to } };
    }
    case 'discover': {
      const ip = normaliseIp(first ?? '');
      if (ip === null) return { ok: false, error: 'usage: /discover IP' };
      return { ok: true, command: { kind: 'discover', ip } };
    }
    case 'peers':
    case 'quit':
    case 'help':
      return { ok: true, command: { kind: name } };
    default:
      return { ok: false, error: `unknown command /${name}; /help lists them` };
  }
}
