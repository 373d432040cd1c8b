import type { ChatModel } from '../model/state';
import { InputKeys, isPrintable } from './input-keys';
import { panelKey, scrollKey, viewKey, type NavigationContext } from './navigation-keys';
import { pastedLines } from '../terminal/paste';
import type { ChatView, Focus, ViewState } from '../draw/view';

/** What keys can ask of the program. */
export interface KeyActions {
  submit(text: string): void;
  connectAll(): void;
  quit(): void;
  choosePeer(key: string): void;
  /** Tab in the input: completes the word at the cursor. */
  complete(): void;
  /** F2 / Alt-Shift-N: the side panels shown or hidden. */
  togglePanels(): void;
  /** Alt-M: the mouse captured or left to the terminal (to select text). */
  toggleMouse(): void;
}

/** blessed's key description. */
export interface Key {
  full: string;
  name?: string;
}

const FOCUS_ORDER: Focus[] = ['input', 'log', 'peers'];

/**
 * Turns keypresses into edits, scrolling and actions, by focus. Enter sends the line
 * wherever the cursor is; a paste comes apart from keys (screen/terminal/paste.ts), and a text of
 * several lines is only sent after the user confirms it.
 */
export class KeyHandler {
  private pendingPaste: string[] | null = null;
  private confirmingQuit = false;
  private answer: ((text: string) => void) | null = null;
  private readonly editing: InputKeys;
  private readonly panel: NavigationContext;

  constructor(
    private readonly view: ChatView,
    private readonly model: ChatModel,
    private readonly state: ViewState,
    private readonly actions: KeyActions,
  ) {
    this.editing = new InputKeys(state.input);
    this.panel = {
      model,
      state,
      view,
      choosePeer: (key) => actions.choosePeer(key),
      setFocus: (focus) => this.setFocus(focus),
    };
    view.screen.on('keypress', (ch: string | undefined, key: Key | undefined) =>
      this.onKey(ch, key),
    );
    view.onPaste((text) => this.paste(text));
    view.onClick((focus, peer) => {
      if (peer !== undefined) this.model.selectPeer((peers) => peers.select(peer));
      if (this.state.focus !== focus) this.setFocus(focus);
    });
  }

  /** Asks a question over the input line; resolves with the answer. */
  ask(question: string): Promise<string> {
    this.state.prompt = question;
    this.setFocus('input');
    return new Promise((resolve) => {
      this.answer = (text) => {
        this.state.prompt = null;
        this.answer = null;
        this.view.invalidate();
        resolve(text);
      };
    });
  }

  setFocus(focus: Focus): void {
    this.state.focus = focus;
    if (focus === 'peers') {
      this.view.focusPeers();
      // A panel with the focus always has a selection: the top row to begin with.
      if (this.model.peers.selected === null) this.model.selectPeer((peers) => peers.home());
    } else this.view.focusInput();
    this.view.invalidate();
  }

  private onKey(ch: string | undefined, key: Key | undefined): void {
    const name = key?.full ?? ch ?? '';
    // blessed reports a CR as `return` and then again as `enter`: one Enter, not two.
    if (name === 'return') return;
    if (name !== 'tab') this.state.completions = null;
    if (name === 'C-c') return this.actions.quit();
    if (name === 'C-l') return this.view.redraw();
    if (this.state.helpOpen) return this.helpKey(name);
    if (this.pendingPaste) return this.pasteKey(name);
    if (this.confirmingQuit) return this.quitKey(name, ch);
    if (viewKey(this.model, name)) return this.view.invalidate();
    if (this.state.focus === 'peers' && panelKey(this.panel, name)) return this.view.invalidate();
    if (scrollKey(this.panel, name)) return this.view.invalidate(); // drawn as soon as keys are
    if (name === 'f1') return this.toggleHelp();
    if (name === 'f2' || name === 'M-S-n') return this.actions.togglePanels();
    if (name === 'M-m') return this.actions.toggleMouse();
    if (this.state.focus === 'input') this.inputKey(name, ch);
    else this.outsideKey(name, ch);
    this.state.search = this.editing.search;
    this.view.invalidate();
  }

  private inputKey(name: string, ch: string | undefined): void {
    if (this.editing.edit(name, ch)) return;
    if (name === 'tab') return this.actions.complete();
    if (name === 'escape') return this.setFocus('log');
    if (name === 'enter') return this.send();
  }

  /**
   * Outside the input, the letters bound below act; any other printable key is typing that
   * missed the input: it goes there, kept. `q` asks before quitting.
   */
  private outsideKey(name: string, ch: string | undefined): void {
    const keys: Record<string, () => void> = {
      c: () => this.actions.connectAll(),
      q: () => this.askQuit(),
      '?': () => this.toggleHelp(),
      'S-/': () => this.toggleHelp(),
      tab: () => this.cycleFocus(1),
      'S-tab': () => this.cycleFocus(-1),
      i: () => this.setFocus('input'),
      enter: () => {
        if (this.state.focus !== 'peers') this.setFocus('input');
      },
      escape: () => this.setFocus('log'),
    };
    const bound = keys[name];
    if (bound) return bound();
    if (isPrintable(ch) && !name.startsWith('M-') && !name.startsWith('C-')) {
      this.setFocus('input');
      this.state.input.insert(ch);
    }
  }

  private askQuit(): void {
    this.confirmingQuit = true;
    this.state.prompt = 'quit? (y/n)';
  }

  /** `y` quits; `n` or Escape stays; anything else typed was text that began with `q`. */
  private quitKey(name: string, ch: string | undefined): void {
    this.confirmingQuit = false;
    this.state.prompt = null;
    if (name === 'y') return this.actions.quit();
    if (name !== 'n' && name !== 'escape' && isPrintable(ch)) {
      this.setFocus('input');
      this.state.input.insert(`q${ch}`);
    }
    this.view.invalidate();
  }

  private cycleFocus(step: number): void {
    const at = FOCUS_ORDER.indexOf(this.state.focus);
    this.setFocus(FOCUS_ORDER[(at + step + FOCUS_ORDER.length) % FOCUS_ORDER.length] ?? 'input');
  }

  private helpKey(name: string): void {
    const scroll: Record<string, number> = { up: -1, down: 1, pageup: -10, pagedown: 10 };
    const lines = scroll[name];
    if (lines !== undefined) return this.view.scrollHelp(lines);
    if (['escape', 'q', '?', 'S-/', 'f1', 'enter'].includes(name)) this.toggleHelp();
  }

  private toggleHelp(): void {
    this.state.helpOpen = !this.state.helpOpen;
    this.view.invalidate();
  }

  /**
   * Pasted text goes into the input as it is, focus there; a paste that ends with a line
   * break is sent as Enter would (several lines ask first).
   */
  private paste(text: string): void {
    if (this.pendingPaste || this.confirmingQuit || this.state.helpOpen) return;
    const lines = pastedLines(text);
    if (this.state.focus !== 'input') this.setFocus('input');
    const ends = lines.endsWith('\n');
    this.state.input.insert(ends ? lines.slice(0, -1) : lines);
    if (ends) this.send();
    this.view.invalidate();
  }

  private send(): void {
    const text = this.state.input.submit();
    if (this.answer) return this.answer(text.trim());
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length > 1) {
      this.pendingPaste = lines;
      this.state.prompt = `Paste of ${lines.length} lines: y sends ${lines.length} messages, n edits`;
    } else if (lines[0] !== undefined) {
      this.actions.submit(lines[0]);
    }
    this.view.invalidate();
  }

  private pasteKey(name: string): void {
    const lines = this.pendingPaste ?? [];
    if (name === 'y') lines.forEach((line) => this.actions.submit(line));
    else if (name === 'n' || name === 'escape') this.state.input.insert(lines.join('\n'));
    else return;
    this.pendingPaste = null;
    this.state.prompt = null;
    this.view.invalidate();
  }
}
