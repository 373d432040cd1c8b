import type { CommandContext, Outcome } from './outcome';
import type { Command, Layout } from './parse';

/**
 * One command: its names, how it is written, what it does, which words fill which of its
 * arguments (their schemas are `ARGUMENTS` in parse.ts), and how it runs.
 */
export interface CommandSpec<K extends Command['kind'] = Command['kind']> {
  kind: K;
  /** Names typed after `/`, the first the main one; none for plain text. */
  names: string[];
  usage: string;
  help: string;
  layout: Layout;
  run(command: Extract<Command, { kind: K }>, context: CommandContext): Outcome[];
}
