import { parseAddress, type Address } from '../../wire/address';
import { Conversations } from './conversations';

/**
 * The views and which one is on screen: switching, scrolling, clearing and closing them,
 * and where Enter sends. ChatModel (state.ts) adds what the lines in them say. `version`
 * grows with every change so a view can skip idle renders.
 */
export class ShownViews {
  /** View 1 (every line) and one view per conversation (screen/model/conversations.ts). */
  readonly conversations: Conversations;
  /** Where plain text goes in view 1. */
  target: Address | null = null;
  version = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(scrollback: number) {
    this.conversations = new Conversations(scrollback);
  }

  /** The view on screen's scroll position and "new below" count. */
  get scrollOffset(): number {
    return this.conversations.current.scrollOffset;
  }

  get unseenBelow(): number {
    return this.conversations.current.unseenBelow;
  }

  /** The room whose view is on screen: Enter says plain text to its members. */
  get roomOnScreen(): string | null {
    const peer = this.conversations.current.peer;
    return peer !== null && peer.startsWith('#') ? peer : null;
  }

  /** Where Enter sends plain text: the peer of the view on screen, else the target. */
  get sendsTo(): Address | null {
    const peer = this.conversations.current.peer;
    if (peer === null) return this.target;
    if (this.roomOnScreen !== null) return null;
    const address = parseAddress(peer);
    return address.ok ? address.value : this.target;
  }

  /** `/query IP:PORT`, Enter on a peer: its view, opened and shown. False past the cap. */
  query(to: Address, title: string): boolean {
    const view = this.conversations.open(to.key, title);
    if (!view) return false;
    this.showView(this.conversations.views.indexOf(view) + 1);
    return true;
  }

  /** `/join #room`: the room's view, opened and shown. False past the cap. */
  openRoom(room: string): boolean {
    const view = this.conversations.open(room, room);
    if (!view) return false;
    this.showView(this.conversations.views.indexOf(view) + 1);
    return true;
  }

  /** Alt-N, `/buffer N`: false when there is no view N. */
  showView(number: number): boolean {
    const shown = this.conversations.select(number);
    if (shown) this.changed();
    return shown;
  }

  /** Ctrl-N, Ctrl-P. */
  stepView(delta: number): void {
    this.conversations.step(delta);
    this.changed();
  }

  /** Alt-A: highlights first; false when nothing waits. */
  nextActiveView(): boolean {
    const moved = this.conversations.nextActive();
    if (moved) this.changed();
    return moved;
  }

  /** `/clear`: the view on screen empty (the history file keeps every line). */
  clearView(): void {
    const view = this.conversations.current;
    view.log.length = 0;
    view.scrollOffset = 0;
    view.unseenBelow = 0;
    this.changed();
  }

  /** `/close`: never view 1. */
  closeView(): boolean {
    const closed = this.conversations.closeCurrent();
    if (closed) this.changed();
    return closed;
  }

  setTarget(target: Address | null): void {
    this.target = target;
    this.changed();
  }

  /** Scrolls the view on screen by `lines` (positive = up, back in time), clamped. */
  scroll(lines: number): void {
    if (this.conversations.current.scroll(lines)) this.changed();
  }

  scrollToEnd(): void {
    this.scroll(-this.scrollOffset);
  }

  /** Called after every change (the view schedules a render). */
  subscribe(listener: () => void): void {
    this.listeners.push(listener);
  }

  protected changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
