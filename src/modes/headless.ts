import { COMMAND_HELP, parseCommand, type Command } from '../app/commands';
import { peerListLines, SYSTEM } from '../app/lines';
import { safeJson } from '../app/sanitize';
import type { PeerNode } from '../core/node';
import type { LineReader } from './line-reader';

export interface HeadlessOptions {
  json: boolean;
  print(line: string): void;
}

/**
 * Slash commands on stdin, one line (or JSON object) per event on stdout. End of input
 * does not stop it: it serves until `/quit` (signals are the caller's).
 */
export async function runHeadless(
  node: PeerNode,
  input: LineReader,
  options: HeadlessOptions,
): Promise<void> {
  const say = (type: string, lines: string[], data: object): void => {
    if (options.json) options.print(safeJson({ type, ...data }));
    else lines.forEach((line) => options.print(line));
  };
  for (;;) {
    const line = await input.next();
    if (line === null) return new Promise(() => {}); // serve on; only /quit or a signal ends it
    if (line.trim() === '') continue;
    const parsed = parseCommand(line);
    if (!parsed.ok) {
      say('error', [`${SYSTEM} ${parsed.error}`], { message: parsed.error });
      continue;
    }
    if (parsed.command.kind === 'quit') return;
    run(parsed.command, node, say);
  }
}

type Say = (type: string, lines: string[], data: object) => void;

function run(command: Exclude<Command, { kind: 'quit' }>, node: PeerNode, say: Say): void {
  switch (command.kind) {
    case 'send':
      void node.send(command.to, command.text);
      return;
    case 'connect':
      void node.connect(command.to);
      return;
    case 'exit':
      void node.send(command.to, 'exit');
      return;
    case 'discover':
      void node.discover(command.ip);
      return;
    case 'peers': {
      const peers = node.peers.listed();
      say('peers', peerListLines(peers), { peers: peers.map((p) => p.address.key) });
      return;
    }
    case 'help':
      say(
        'help',
        COMMAND_HELP.map(([usage, what]) => `${usage.padEnd(22)} ${what}`),
        { commands: COMMAND_HELP },
      );
  }
}
