import { COMMAND_HELP, execute, parseInput, type Outcome } from '../app/commands';
import { resolvePeerWords } from '../app/commands/resolve';
import type { SettingsPort } from '../app/commands/outcome';
import { SYSTEM } from '../app/lines';
import type { PeerNode } from '../node/node';
import type { Address } from '../wire/address';
import type { History } from '../store/history';
import type { LineReader } from './line-reader';
import { sayWith, type Say } from './printer';

export interface HeadlessOptions {
  json: boolean;
  print(line: string): void;
  /** For /search; absent when no history is kept. */
  history?: History;
  /** `/set`, `/save`, `/nick`. */
  settings?: SettingsPort;
}

/**
 * The screen's commands on stdin (plain text goes to the target set by /send or /to), one
 * line (or JSON object) per event on stdout. End of input does not stop it: it serves
 * until `/quit` (signals are the caller's).
 */
export async function runHeadless(
  node: PeerNode,
  input: LineReader,
  options: HeadlessOptions,
): Promise<void> {
  const say = sayWith(options.print, options.json);
  const target: { to: Address | null } = { to: null };
  let quit = false;
  const show = (outcomes: Outcome[]): void => {
    for (const outcome of outcomes) quit = render(outcome, say, target) || quit;
  };
  for (;;) {
    const line = await input.next();
    if (line === null) return new Promise(() => {}); // serve on; only /quit or a signal ends it
    if (line.trim() === '') continue;
    const resolved = await resolvePeerWords(line, () => node.peers.all());
    if (!resolved.ok) {
      say('error', [`${SYSTEM} ${resolved.error}`], { message: resolved.error });
      continue;
    }
    const parsed = parseInput(resolved.line);
    if (!parsed.ok) {
      say('error', [`${SYSTEM} ${parsed.error}`], { message: parsed.error });
      continue;
    }
    show(
      execute(parsed.command, {
        node,
        history: options.history,
        target,
        later: show,
        settings: options.settings,
      }),
    );
    if (quit) return;
  }
}

/** What headless mode makes of an outcome; true for quit. */
function render(outcome: Outcome, say: Say, target: { to: Address | null }): boolean {
  switch (outcome.type) {
    case 'say':
      say(
        outcome.event,
        outcome.system === true ? outcome.lines.map((line) => `${SYSTEM} ${line}`) : outcome.lines,
        outcome.data,
      );
      return false;
    case 'error':
      say('error', [`${SYSTEM} ${outcome.message}`], { message: outcome.message });
      return false;
    case 'help':
      say(
        'help',
        COMMAND_HELP.map(([usage, what]) => `${usage.padEnd(22)} ${what}`),
        { commands: COMMAND_HELP },
      );
      return false;
    case 'filter':
      say('error', [`${SYSTEM} /filter is for the screen's peer panel; /peers lists them here`], {
        message: 'screen only',
      });
      return false;
    case 'query':
      // No views here: the conversation's peer becomes where plain text goes.
      target.to = outcome.to;
      say('target', [`${SYSTEM} plain text now goes to ${outcome.to.key}`], { to: outcome.to.key });
      return false;
    case 'close':
    case 'buffer':
      say('error', [`${SYSTEM} views are the screen's; here /query sets the target`], {
        message: 'screen only',
      });
      return false;
    case 'room': // no views here: /send #ROOM TEXT says something in it
      return false;
    case 'room-sending': // each member's delivery event follows, as for /send
      say('room-said', [`${SYSTEM} to ${outcome.room}: ${outcome.text}`], {
        room: outcome.room,
        members: outcome.ids.length,
        text: outcome.text,
      });
      return false;
    case 'quit':
      return true;
    case 'sending': // its delivery events are printed as they come
    case 'results':
      return false;
    case 'clear':
      return false;
    default:
      return outcome satisfies never;
  }
}
