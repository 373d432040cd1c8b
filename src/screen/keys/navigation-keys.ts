import type { PeerList } from '../model/peer-list';
import type { ChatModel } from '../model/state';
import type { ChatView, Focus, ViewState } from '../draw/view';

/** What the keys that move around (views, the peer panel, the log) act on. */
export interface NavigationContext {
  model: ChatModel;
  state: ViewState;
  view: Pick<ChatView, 'peerRowsShown' | 'logHeight'>;
  choosePeer(key: string): void;
  setFocus(focus: Focus): void;
}

/**
 * Switching views, as in WeeChat and irssi, with the focus anywhere: Alt-1 ... Alt-9 and
 * Alt-0 (view 10), Ctrl-N / Ctrl-P, Alt-A (the next view with activity, highlights first).
 */
export function viewKey(model: ChatModel, name: string): boolean {
  const digit = /^M-(\d)$/.exec(name)?.[1];
  if (digit !== undefined) {
    model.showView(digit === '0' ? 10 : Number(digit));
    return true;
  }
  if (name === 'C-n' || name === 'C-p') {
    model.stepView(name === 'C-n' ? 1 : -1);
    return true;
  }
  if (name === 'M-a') {
    model.nextActiveView();
    return true;
  }
  return false;
}

/**
 * The peer panel with the focus: the selection moves by row, page or end; Enter makes
 * it the target; `/` starts a filter in the input; Escape clears the filter.
 */
export function panelKey(context: NavigationContext, name: string): boolean {
  const { model, state, view } = context;
  const page = Math.max(1, view.peerRowsShown() - 1);
  const moves: Record<string, (peers: PeerList) => void> = {
    up: (peers) => peers.move(-1),
    down: (peers) => peers.move(1),
    pageup: (peers) => peers.move(-page),
    pagedown: (peers) => peers.move(page),
    home: (peers) => peers.home(),
    end: (peers) => peers.end(),
  };
  const move = moves[name];
  if (move) {
    model.selectPeer(move);
    return true;
  }
  if (name === 'enter') {
    const chosen = model.peers.selected;
    if (chosen !== null) context.choosePeer(chosen);
    context.setFocus('input');
    return true;
  }
  if (name === '/') {
    state.input.set('/filter ');
    context.setFocus('input');
    return true;
  }
  if (name === 'escape' && model.peers.filter !== '') {
    model.filterPeers('');
    return true;
  }
  return false;
}

/** PageUp/PageDown anywhere; Home, End, Up and Down too with the focus on the log. */
export function scrollKey(context: NavigationContext, name: string): boolean {
  const { model, state, view } = context;
  const page = Math.max(1, view.logHeight() - 1);
  if (name === 'pageup') model.scroll(page);
  else if (name === 'pagedown') model.scroll(-page);
  else if (name === 'home' && state.focus === 'log') model.scroll(model.log.length);
  else if (name === 'end' && state.focus === 'log') model.scrollToEnd();
  else if ((name === 'up' || name === 'down') && state.focus === 'log')
    model.scroll(name === 'up' ? 1 : -1);
  else return false;
  return true;
}
