import { execute, parseInput, type Outcome } from '../app/commands';
import type { SettingsPort } from '../app/commands/outcome';
import { resolvePeerWords } from '../app/commands/resolve';
import type { PeerSnapshot } from '../node/peers/peer-table';
import { systemText } from '../app/lines';
import type { ChatModel } from './model/state';
import type { PeerNode } from '../node/node';
import type { History } from '../store/history';
import type { ViewState } from './draw/view';

export interface ScreenContext {
  node: PeerNode;
  /** `/set`, `/save`, `/nick`. */
  settings?: SettingsPort;
  /** For /search; absent when no history is kept. */
  history?: History;
  model: ChatModel;
  state: ViewState;
  quit(): Promise<void>;
}

/** Lines run one after another, each after the one before (a name lookup may wait). */
let queue: Promise<void> = Promise.resolve();

/**
 * One line typed on the screen: a peer's name in it made its address, then parsed and run
 * by the command table, its outcomes shown. Lines run in the order typed.
 */
export function executeOnScreen(line: string, context: ScreenContext): void {
  const peers = (): PeerSnapshot[] =>
    [...context.model.peers.keys()].flatMap((key) => context.model.peers.get(key) ?? []);
  queue = queue
    .then(() => resolvePeerWords(line, peers))
    .then((resolved) =>
      resolved.ok
        ? run(resolved.line, context)
        : context.model.system(resolved.error, 'warn', { here: true }),
    )
    .catch((error: unknown) =>
      context.model.system(`command failed: ${String(error)}`, 'error', { here: true }),
    );
}

function run(line: string, context: ScreenContext): void {
  // Plain text in a room's view is said to the room.
  const room = context.model.roomOnScreen;
  const plain = !line.startsWith('/') || line.startsWith('//');
  const parsed = parseInput(
    room !== null && plain ? `/send ${room} ${line.replace(/^\//, '')}` : line,
  );
  if (!parsed.ok) return context.model.system(parsed.error, 'warn');
  const { model } = context;
  const target = {
    get to() {
      return model.sendsTo;
    },
    set to(to) {
      model.setTarget(to);
      // The target is view 1's: show it there, where plain text will go to it.
      if (model.conversations.current.peer !== null) model.showView(1);
    },
  };
  const show = (outcomes: Outcome[]): void => outcomes.forEach((o) => render(o, context));
  show(
    execute(parsed.command, {
      node: context.node,
      history: context.history,
      target,
      later: show,
      room,
      settings: context.settings,
    }),
  );
}

/** What the screen makes of an outcome: log lines, the help pane, the panel's filter. */
function render(outcome: Outcome, { model, state, quit }: ScreenContext): void {
  switch (outcome.type) {
    case 'say':
      return outcome.lines.forEach((line) => model.system(line, 'info', { here: true }));
    case 'error':
      return model.system(outcome.message, 'warn', { here: true });
    case 'sending':
      return model.own(outcome.to, outcome.text, outcome.id);
    case 'room-sending':
      return model.ownInRoom(outcome.room, outcome.text, outcome.ids);
    case 'results':
      // Connect results are shown here, not by the delivery events (they would be twice).
      return outcome.deliveries.forEach((delivery) =>
        model.system(systemText.delivery(delivery), delivery.state === 'failed' ? 'warn' : 'info', {
          here: true,
        }),
      );
    case 'help':
      state.helpOpen = true;
      return;
    case 'quit':
      quit().catch(() => process.exit(1));
      return;
    case 'filter':
      return model.filterPeers(outcome.text);
    case 'query': {
      const name = model.peers.get(outcome.to.key)?.name ?? '';
      if (!model.query(outcome.to, name === '' ? outcome.to.key : name))
        model.system('too many views open: /close one first', 'warn', { here: true });
      return;
    }
    case 'close':
      if (!model.closeView())
        model.system('view 1 shows everything: it stays', 'warn', { here: true });
      return;
    case 'buffer':
      if (!model.showView(outcome.number))
        model.system(`no view ${outcome.number}`, 'warn', { here: true });
      return;
    case 'room':
      // A parted room's view stays, with what was said: /close closes it.
      if (outcome.open && !model.openRoom(outcome.room))
        model.system('too many views open: /close one first', 'warn', { here: true });
      return;
    case 'clear':
      return model.clearView();
    default:
      return outcome satisfies never;
  }
}
