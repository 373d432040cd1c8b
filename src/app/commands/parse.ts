import { normaliseIp, parseAddress, type Address } from '../../protocol/address';

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
  | { kind: 'query'; to: Address }
  | { kind: 'close' }
  | { kind: 'buffer'; number: number }
  | { kind: 'alias'; to: Address; alias: string | null }
  | { kind: 'quit' }
  | { kind: 'help' };

export type CommandResult = { ok: true; command: Command } | { ok: false; error: string };

/** Reads a command's arguments: its first word and the rest of the line. */
export type Parser = (first: string | undefined, rest: string) => CommandResult;

export const ok = (command: Command): CommandResult => ({ ok: true, command });
export const error = (message: string): CommandResult => ({ ok: false, error: message });

/** The argument kinds a usage line names, each read one way for every command. */
export function withAddress(
  text: string | undefined,
  usage: string,
  build: (to: Address) => CommandResult,
): CommandResult {
  if (text === undefined || text === '') return error(`usage: ${usage}`);
  const parsed = parseAddress(text);
  return parsed.ok ? build(parsed.value) : error(`${parsed.error.message} (usage: ${usage})`);
}

/** The text of a command whose only argument is text (its first word was split off). */
export const wholeText = (first: string | undefined, rest: string): string =>
  [first, rest].filter((part) => part !== undefined && part !== '').join(' ');

export function requiredText(usage: string, build: (text: string) => Command): Parser {
  return (first, rest) => {
    const text = wholeText(first, rest);
    return text === '' ? error(`usage: ${usage}`) : ok(build(text));
  };
}

export function ipArgument(usage: string, build: (ip: string) => Command): Parser {
  return (first) => {
    const ip = normaliseIp(first ?? '');
    return ip === null ? error(`usage: ${usage}`) : ok(build(ip));
  };
}

/** `/name IP:PORT TEXT` */
export function addressAndText(
  usage: string,
  build: (to: Address, text: string) => Command,
): Parser {
  return (first, rest) =>
    withAddress(first, usage, (to) =>
      rest === '' ? error(`usage: ${usage}`) : ok(build(to, rest)),
    );
}

/** `/name IP:PORT` */
export function addressOnly(usage: string, build: (to: Address) => Command): Parser {
  return (first) => withAddress(first, usage, (to) => ok(build(to)));
}

/** `/name N`, N from 1 to 99. */
export function numberArgument(usage: string, build: (n: number) => Command): Parser {
  return (first) =>
    first !== undefined && /^[1-9]\d?$/.test(first)
      ? ok(build(Number(first)))
      : error(`usage: ${usage}`);
}

/** `/name` */
export const bare =
  (command: Command): Parser =>
  () =>
    ok(command);
