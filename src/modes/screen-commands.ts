import { parseInput, type Command } from '../app/commands';
import { historyLines, stamped } from '../app/history-lines';
import { outboxLines, peerListLines, systemText } from '../app/lines';
import type { ChatModel } from '../app/state';
import { newMessageId } from '../core/message-id';
import type { PeerNode } from '../core/node';
import type { Address } from '../protocol/address';
import { SEARCH_LIMIT, type History } from '../store/history';
import type { ViewState } from '../ui/view';

export interface ScreenContext {
  node: PeerNode;
  /** For /search; absent when no history is kept. */
  history?: History;
  model: ChatModel;
  state: ViewState;
  quit(): Promise<void>;
}

/** One line typed on the screen: a command, or text for the current target. */
export function executeOnScreen(line: string, context: ScreenContext): void {
  const parsed = parseInput(line);
  if (!parsed.ok) return context.model.system(parsed.error, 'warn');
  run(parsed.command, context);
}

function sendTo(to: Address, text: string, { node, model }: ScreenContext): void {
  const id = newMessageId();
  model.own(to, text, id);
  void node.send(to, text, id);
}

function run(command: Command, context: ScreenContext): void {
  const { node, model, state } = context;
  switch (command.kind) {
    case 'send':
      model.setTarget(command.to);
      return sendTo(command.to, command.text, context);
    case 'say':
      if (!model.target)
        return model.system(
          'no target: /to IP:PORT, /send IP:PORT TEXT, or Enter on a peer',
          'warn',
        );
      return sendTo(model.target, command.text, context);
    case 'to':
      model.setTarget(command.to);
      return model.system(`plain text now goes to ${command.to.key}`);
    case 'broadcast': {
      const listed = node.peers.listed();
      if (listed.length === 0) return model.system('no connected peers to broadcast to', 'warn');
      return listed.forEach((peer) => sendTo(peer.address, command.text, context));
    }
    case 'connect':
      return connect(command.to, context);
    case 'exit':
      return sendTo(command.to, 'exit', context);
    case 'peers':
      return peerListLines(node.peers.listed()).forEach((line) => model.system(line));
    case 'discover':
      model.system(`asking ${command.ip} who is online`);
      void node.discover(command.ip).then((found) => {
        if (found.length === 0) model.system(`no answer from ${command.ip}`);
      });
      return;
    case 'help':
      state.helpOpen = true;
      return;
    case 'quit':
      void context.quit();
      return;
    case 'outbox':
      return outboxLines(node.outboxState()).forEach((line) => model.system(line));
    case 'retry':
      return model.system(`sending ${node.retryFailed()} failed messages again`);
    case 'search':
      return search(command.text, context);
    case 'filter':
      return model.filterPeers(command.text);
    default:
      return command satisfies never;
  }
}

function connect(to: Address | undefined, { node, model }: ScreenContext): void {
  const count = to ? 1 : node.peers.all().length;
  if (count === 0)
    return model.system('no known peers to connect to: send a message first', 'warn');
  model.system(to ? `connecting to ${to.key}` : `connecting to ${count} known peers`);
  void node
    .connect(to)
    .then((results) =>
      results.forEach((delivery) =>
        model.system(systemText.delivery(delivery), delivery.state === 'failed' ? 'warn' : 'info'),
      ),
    );
}

function search(text: string, { model, history }: ScreenContext): void {
  if (!history)
    return model.system(
      'no history is kept (--no-history, or the data folder is not writable)',
      'warn',
    );
  const lines = historyLines(history.search(text));
  model.system(
    `${lines.length} lines of history contain "${text}"${lines.length === SEARCH_LIMIT ? ` (the last ${SEARCH_LIMIT})` : ''}`,
  );
  for (const line of lines) model.system(stamped(line));
}
