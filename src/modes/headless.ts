import { COMMAND_HELP, parseInput, type Command } from '../app/commands';
import { historyLines, stamped } from '../app/history-lines';
import { outboxLines, peerListLines, SYSTEM } from '../app/lines';
import type { PeerNode } from '../core/node';
import type { Outgoing } from '../core/outbox';
import type { Address } from '../protocol/address';
import type { History } from '../store/history';
import type { LineReader } from './line-reader';
import { sayWith, type Say } from './printer';

export interface HeadlessOptions {
  json: boolean;
  print(line: string): void;
  /** For /search; absent when no history is kept. */
  history?: History;
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
  const target: Target = {};
  for (;;) {
    const line = await input.next();
    if (line === null) return new Promise(() => {}); // serve on; only /quit or a signal ends it
    if (line.trim() === '') continue;
    const parsed = parseInput(line);
    if (!parsed.ok) {
      say('error', [`${SYSTEM} ${parsed.error}`], { message: parsed.error });
      continue;
    }
    if (parsed.command.kind === 'quit') return;
    run(parsed.command, { node, say, target, history: options.history });
  }
}

type Target = { to?: Address };

interface Context {
  node: PeerNode;
  say: Say;
  target: Target;
  history?: History;
}

function run(
  command: Exclude<Command, { kind: 'quit' }>,
  { node, say, target, history }: Context,
): void {
  switch (command.kind) {
    case 'send':
      target.to = command.to;
      void node.send(command.to, command.text);
      return;
    case 'to':
      target.to = command.to;
      return;
    case 'say':
      if (target.to) void node.send(target.to, command.text);
      else
        say('error', [`${SYSTEM} no target: /to IP:PORT or /send IP:PORT TEXT first`], {
          message: 'no target',
        });
      return;
    case 'broadcast':
      for (const peer of node.peers.listed()) void node.send(peer.address, command.text);
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
      return;
    case 'outbox': {
      const state = node.outboxState();
      const json = {
        waiting: state.waiting.map(outgoingJson),
        failed: state.failed.map(outgoingJson),
      };
      say('outbox', outboxLines(state), json);
      return;
    }
    case 'retry': {
      const count = node.retryFailed();
      say('retry', [`${SYSTEM} sending ${count} failed messages again`], { count });
      return;
    }
    case 'filter':
      say('error', [`${SYSTEM} /filter is for the screen's peer panel; /peers lists them here`], {
        message: 'screen only',
      });
      return;
    case 'search': {
      if (!history)
        return say('error', [`${SYSTEM} no history is kept`], { message: 'no history is kept' });
      const lines = historyLines(history.search(command.text));
      say('search', lines.map(stamped), { lines });
      return;
    }
    default:
      return command satisfies never;
  }
}

function outgoingJson(item: Outgoing): object {
  return { ...item, to: item.to.key };
}
