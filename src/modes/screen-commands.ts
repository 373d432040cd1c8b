import { execute, parseInput, type Outcome } from '../app/commands';
import { systemText } from '../app/lines';
import type { ChatModel } from '../app/state';
import type { PeerNode } from '../core/node';
import type { History } from '../store/history';
import type { ViewState } from '../ui/view';

export interface ScreenContext {
  node: PeerNode;
  /** For /search; absent when no history is kept. */
  history?: History;
  model: ChatModel;
  state: ViewState;
  quit(): Promise<void>;
}

/** One line typed on the screen: parsed and run by the command table, its outcomes shown. */
export function executeOnScreen(line: string, context: ScreenContext): void {
  const parsed = parseInput(line);
  if (!parsed.ok) return context.model.system(parsed.error, 'warn');
  const { model } = context;
  const target = {
    get to() {
      return model.target;
    },
    set to(to) {
      model.setTarget(to);
    },
  };
  const show = (outcomes: Outcome[]): void => outcomes.forEach((o) => render(o, context));
  show(
    execute(parsed.command, { node: context.node, history: context.history, target, later: show }),
  );
}

/** What the screen makes of an outcome: log lines, the help pane, the panel's filter. */
function render(outcome: Outcome, { model, state, quit }: ScreenContext): void {
  switch (outcome.type) {
    case 'say':
      return outcome.lines.forEach((line) => model.system(line));
    case 'error':
      return model.system(outcome.message, 'warn');
    case 'sending':
      return model.own(outcome.to, outcome.text, outcome.id);
    case 'results':
      // Connect results are shown here, not by the delivery events (they would be twice).
      return outcome.deliveries.forEach((delivery) =>
        model.system(systemText.delivery(delivery), delivery.state === 'failed' ? 'warn' : 'info'),
      );
    case 'help':
      state.helpOpen = true;
      return;
    case 'quit':
      void quit();
      return;
    case 'filter':
      return model.filterPeers(outcome.text);
    default:
      return outcome satisfies never;
  }
}
