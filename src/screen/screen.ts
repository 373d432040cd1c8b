import { writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { attachModel } from './model-events';
import { completions, peerWords } from '../app/completion';
import { completesPath, pathCompletions } from '../app/path-completion';
import { highlighter } from '../app/highlight';
import { count } from '../app/lines';
import { ChatModel, LIMITS_UI } from './model/state';
import type { PeerNode } from '../node/node';
import type { Started } from '../app/started';
import type { History } from '../store/history';
import { historyLines } from '../app/history-lines';
import { KeyHandler } from './keys/keys';
import type { ApplySetting, SettingsPort } from '../app/commands/outcome';
import { ChatView, newViewState } from './draw/view';
import { executeOnScreen } from './screen-commands';

/** History lines shown when the screen opens. */
const HISTORY_SHOWN = 200;
/** History lines a conversation's view opens with. */
const VIEW_HISTORY = 50;

export interface ScreenOptions {
  name?: string;
  port?: number;
  /** The address others reach us at when one is given (`--advertise`, else `--host`). */
  host?: string;
  /** Builds and starts the node; rejects with the listen error. */
  start(name: string, port: number): Promise<Started>;
  /** Runs once the node is up (bootstrap connects, demo bots). */
  started?(node: PeerNode): void;
  validateName(text: string): string;
  validatePort(text: string): number;
  /** Highlight words besides your name; the bell; desktop notifications. */
  alerts?: { highlight: string[]; bell: boolean; notify: boolean };
  /** `/set`, `/save`, `/nick`: given what to change at once. */
  settings?(apply: ApplySetting): SettingsPort;
  /** How the screen looks: colours, side panels, mouse, timestamps. */
  look?: { color: boolean; panels: boolean; mouse: boolean; timestampFormat: string };
}

/**
 * What others should type to reach us: the address given, else this machine's IPv4
 * addresses, with our port.
 */
function ownAddresses(port: number, host?: string): string[] {
  if (host !== undefined && host !== '0.0.0.0' && host !== '::') return [`${host}:${port}`];
  const ips = Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === 'IPv4')
    .map((info) => info?.address ?? '');
  return [...new Set(ips)].map((ip) => `${ip}:${port}`);
}

/** What Tab offers beyond commands: every peer's address, name and alias, and the rooms. */
function completionWords(model: ChatModel): string[] {
  const peers = [...model.peers.keys()].flatMap((key) => model.peers.get(key) ?? []);
  const rooms = model.conversations.views.flatMap((view) =>
    view.peer?.startsWith('#') === true ? [view.peer] : [],
  );
  return peerWords(peers, rooms);
}

/** The full-screen chat: node events into the model, keys into commands, model onto the screen. */
export async function runScreen(options: ScreenOptions): Promise<void> {
  const model = new ChatModel();
  const state = newViewState();
  if (options.alerts)
    Object.assign(state, { bell: options.alerts.bell, notify: options.alerts.notify });
  if (options.look) Object.assign(state, options.look);
  const view = new ChatView(model, state);
  // The node exists only once name and port are known; keys work before that.
  const session: { node?: PeerNode; history?: History; settings?: SettingsPort } = {};
  let quitting: Promise<void> | undefined;
  const quit = (): Promise<void> =>
    // Once: the screen is destroyed at the end.
    (quitting ??= (async () => {
      model.system('leaving: sending exit to the peers that may list us');
      view.invalidate();
      // A quit that fails part-way still gives the terminal back and leaves.
      await session.node?.quit().catch(() => undefined);
      view.destroy();
      process.exit(0);
    })());
  const leave = (): void => void quit().catch(() => process.exit(1));
  const keys = new KeyHandler(view, model, state, {
    submit: (text) =>
      session.node && executeOnScreen(text, { ...session, node: session.node, model, state, quit }),
    connectAll: () =>
      session.node &&
      executeOnScreen('/connect', { ...session, node: session.node, model, state, quit }),
    quit: leave,
    choosePeer: (key) => {
      // Enter on a peer: its conversation, opened and shown (plain text then goes to it).
      const peer = model.peers.get(key);
      if (peer && !model.query(peer.address, peer.name === '' ? key : peer.name))
        model.setTarget(peer.address);
    },
    complete: () => {
      const matches = state.input.complete((word, first, before) =>
        completesPath(before)
          ? pathCompletions(word)
          : completions(word, first, completionWords(model)),
      );
      state.completions = matches.length > 1 ? matches : null;
    },
    togglePanels: () => view.setPanels(!state.panels),
    toggleMouse: () => {
      state.mouse = !state.mouse;
      view.setMouse(state.mouse);
      model.system(
        state.mouse
          ? 'mouse: clicks for peer-tui (Alt-M releases it)'
          : 'mouse released: select text as usual (Alt-M takes it back)',
      );
    },
  });
  process.on('SIGINT', leave);
  process.on('SIGTERM', leave);
  view.invalidate();

  const { node, store, notes } = await startOnScreen(options, keys, model, view);
  session.node = node;
  session.settings = options.settings?.((key, value) => {
    const highlightWords = (): string[] => options.alerts?.highlight ?? [];
    const live: Partial<Record<string, () => void>> = {
      name: () => {
        node.rename(value as string);
        state.own = { ...state.own, name: value as string };
        model.highlightWith(highlighter([node.name, ...highlightWords()]));
      },
      bell: () => (state.bell = value as boolean),
      notify: () => (state.notify = value as boolean),
      highlight: () => model.highlightWith(highlighter([node.name, ...(value as string[])])),
      panel: () => view.setPanels(value as boolean),
      mouse: () => {
        state.mouse = value as boolean;
        view.setMouse(state.mouse);
      },
      'timestamp-format': () => (state.timestampFormat = value as string),
    };
    const change = live[key];
    change?.();
    view.invalidate();
    return change !== undefined;
  });
  session.history = store?.history;
  const history = store?.history;
  // A view opened late starts with the conversation so far, marked as history.
  if (history) model.pastOf = (peer) => historyLines(history.conversation(peer, VIEW_HISTORY));
  state.own = { name: node.name, addresses: ownAddresses(node.port, options.host) };
  model.highlightWith(highlighter([node.name, ...(options.alerts?.highlight ?? [])]));
  showHistory(model, store?.history);
  model.system(`Server listening on port ${node.port}`);
  // A room given at start (`--room`, config) opens as /join does, and is shown.
  for (const room of node.rooms.joined) model.openRoom(room);
  for (const note of notes) model.system(note.text, note.level, { about: note.room });
  attachModel(node, model);
  // Peers restored from the last run were known before the model listened.
  for (const peer of node.peers.all()) model.peer(peer);
  setInterval(() => model.tick(), LIMITS_UI.trafficBucketMs).unref();
  options.started?.(node);
  view.invalidate();
  recordStats(view);
}

/**
 * `PEER_TUI_STATS=FILE` (the benchmarks): at exit, the event loop's delay, renders and
 * memory go to FILE as JSON.
 */
function recordStats(view: ChatView): void {
  const file = process.env.PEER_TUI_STATS;
  if (!file) return;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = Date.now();
  process.once('exit', () => {
    const stats = {
      eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
      eventLoopDelayMaxMs: delay.max / 1e6,
      renders: view.renders,
      seconds: (Date.now() - started) / 1000,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
    };
    writeFileSync(file, JSON.stringify(stats));
  });
}

/** Asks for a missing name or port on the screen, and again while the port is taken. */
async function startOnScreen(
  options: ScreenOptions,
  keys: KeyHandler,
  model: ChatModel,
  view: ChatView,
): Promise<Started> {
  const ask = async <T>(question: string, parse: (text: string) => T): Promise<T> => {
    for (;;) {
      try {
        return parse(await keys.ask(question));
      } catch (error) {
        model.system(`invalid answer: ${(error as Error).message}`, 'error');
        view.invalidate();
      }
    }
  };
  const name = options.name ?? (await ask('Enter your name:', options.validateName));
  let port = options.port ?? (await ask('Enter your port number:', options.validatePort));
  for (;;) {
    try {
      return await options.start(name, port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      model.system(
        code === 'EADDRINUSE'
          ? `port ${port} is already in use`
          : code === 'E_KEY_FILE'
            ? `E_KEY_FILE ${(error as Error).message}`
            : `cannot listen on port ${port}: ${code ?? String(error)}`,
        'error',
      );
      view.invalidate();
      port = await ask('Enter your port number:', options.validatePort);
    }
  }
}

/** The end of the history, above a marker, so a restart picks up where the chat was. */
function showHistory(model: ChatModel, history: History | undefined): void {
  const lines = history ? historyLines(history.tail(HISTORY_SHOWN)) : [];
  if (lines.length === 0) return;
  for (const line of lines) model.past(line.at, line.text);
  model.system(
    `--- ${count(lines.length, 'line')} of history above; /search TEXT finds older ones ---`,
  );
}
