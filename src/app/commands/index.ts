import { COMMANDS, parseWith } from './table';
import { error, ok, type CommandResult } from './parse';

export { COMMANDS, execute } from './table';
export type { CommandSpec } from './spec';
export type { Command, CommandResult } from './parse';
export type { CommandContext, Outcome } from './outcome';

// A Map, not an object: `/__proto__` or `/constructor` must be unknown commands, not members.
const BY_NAME = new Map(
  COMMANDS.flatMap((spec) => spec.names.map((name) => [name, spec] as const)),
);

/** `[usage, help]` for every slash command, in the table's order (for /help and the README). */
export const COMMAND_HELP: readonly [string, string][] = COMMANDS.filter(
  (spec) => spec.names.length > 0,
).map((spec) => [spec.usage, spec.help]);

/** Every name Tab completes, with its slash. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.flatMap((spec) =>
  spec.names.map((name) => `/${name}`),
);

/** `/send 127.0.0.1:9090 hello there` to a Command, or a line saying what is wrong. */
export function parseCommand(line: string): CommandResult {
  const match = /^\/(\S+)(?:\s+(\S+))?(?:\s([\s\S]*))?$/.exec(line.trim());
  if (!match) return error('commands start with /; /help lists them');
  const [, name = '', first, rest = ''] = match;
  const spec = BY_NAME.get(name.toLowerCase());
  if (!spec) return error(`unknown command /${name.toLowerCase()}; /help lists them`);
  return parseWith(spec, first, rest.trim());
}

/** A line typed in any front end: a command, or plain text for the current target. */
export function parseInput(line: string): CommandResult {
  // `//text` sends `/text`, as in irssi and WeeChat.
  if (line.trimStart().startsWith('//'))
    return ok({ kind: 'say', text: line.trimStart().slice(1) });
  if (line.trimStart().startsWith('/')) return parseCommand(line);
  return line.trim() === '' ? error('nothing to send') : ok({ kind: 'say', text: line });
}
