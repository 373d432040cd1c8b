import type { LogEntry } from './log-entry';

/** Views kept at once: a class that all writes at once must not open thousands of them. */
export const MAX_VIEWS = 50;

/**
 * One conversation's view: its own lines, scroll position, "new below" mark, and what
 * arrived while it was not on screen. View 1 is every line; the others are one peer each
 * (rooms, later, are conversations too, with no `peer`).
 */
export class Conversation {
  readonly log: LogEntry[] = [];
  /** Lines hidden below because the user scrolled up; 0 = following. */
  scrollOffset = 0;
  unseenBelow = 0;
  /** Messages that came while another view was on screen. */
  unread = 0;
  /** Of those, the ones that named you or a highlight word. */
  highlights = 0;

  constructor(
    public title: string,
    /** The peer's `IP:PORT` for a direct conversation; null for view 1. */
    readonly peer: string | null,
    private readonly scrollback: number,
  ) {}

  append(entry: LogEntry): void {
    this.log.push(entry);
    // Drop in slices so a full log does not shift its whole array on every line.
    if (this.log.length > this.scrollback + 100)
      this.log.splice(0, this.log.length - this.scrollback);
    if (this.scrollOffset > 0) {
      // Hold the view still while the user reads back.
      this.scrollOffset = Math.min(this.scrollOffset + 1, this.log.length - 1);
      this.unseenBelow += 1;
    }
  }

  /** Scrolls by `lines` (positive = back in time), clamped; false when nothing moved. */
  scroll(lines: number): boolean {
    const offset = Math.max(
      0,
      Math.min(this.scrollOffset + lines, Math.max(0, this.log.length - 1)),
    );
    if (offset === this.scrollOffset) return false;
    this.scrollOffset = offset;
    if (offset === 0) this.unseenBelow = 0;
    return true;
  }
}

/** What a line is, for the views that show it: a message counts as activity. */
export interface Routed {
  entry: LogEntry;
  /** The peer the line is about, whose view shows it too; null for view 1 only. */
  peer: string | null;
  /** A message (counts as unread where it is not seen), or a quiet line (joins, notes). */
  message: boolean;
  highlight: boolean;
  /** Open the peer's view if it has none (a message from it does). */
  open: boolean;
  /** The name to title a newly opened view with. */
  title?: string;
}

/**
 * The views and which one is on screen (pure): which views a line goes to, unread and
 * highlight counts, switching (by number, next, previous, next with activity).
 */
export class Conversations {
  readonly views: Conversation[];
  private currentIndex = 0;
  private readonly byPeer = new Map<string, Conversation>();
  /** Fills a view as it opens with what came before `before` (the history file's). */
  onOpen: ((view: Conversation, before: number) => void) | undefined;

  constructor(private readonly scrollback: number) {
    this.views = [new Conversation('all', null, scrollback)];
  }

  get all(): Conversation {
    return this.views[0] as Conversation;
  }

  get current(): Conversation {
    return this.views[this.currentIndex] ?? this.all;
  }

  /** The number shown for the view on screen (1-based, as typed with Alt-N). */
  get currentNumber(): number {
    return this.currentIndex + 1;
  }

  /** The peer's view, opened if it has none and there is room; undefined past the cap. */
  open(key: string, title: string, before = Infinity): Conversation | undefined {
    const existing = this.byPeer.get(key);
    if (existing) return existing;
    if (this.views.length >= MAX_VIEWS) return undefined;
    const view = new Conversation(title, key, this.scrollback);
    this.views.push(view);
    this.byPeer.set(key, view);
    this.onOpen?.(view, before);
    return view;
  }

  /** Closes the view on screen (never view 1); the one before it is shown. */
  closeCurrent(): boolean {
    const view = this.current;
    if (this.currentIndex === 0 || view.peer === null) return false;
    this.views.splice(this.currentIndex, 1);
    this.byPeer.delete(view.peer);
    this.select(this.currentIndex); // the view before it, as numbers shift down
    return true;
  }

  /** Shows view `number` (1-based); reading it clears its counts. False if there is none. */
  select(number: number): boolean {
    const index = number - 1;
    if (index < 0 || index >= this.views.length) return false;
    this.currentIndex = index;
    const view = this.current;
    view.unread = 0;
    view.highlights = 0;
    return true;
  }

  /** Ctrl-N / Ctrl-P: the next or previous view, round. */
  step(delta: number): void {
    const count = this.views.length;
    this.select(((((this.currentIndex + delta) % count) + count) % count) + 1);
  }

  /** Alt-A: the next view with a highlight, else with unread messages; false if none. */
  nextActive(): boolean {
    const order = this.views.map((_, i) => (this.currentIndex + 1 + i) % this.views.length);
    const pick =
      order.find((i) => (this.views[i]?.highlights ?? 0) > 0) ??
      order.find((i) => (this.views[i]?.unread ?? 0) > 0);
    return pick === undefined ? false : this.select(pick + 1);
  }

  /** Views with something unread, as irssi's `Act:` shows them: highlights first. */
  activity(): { number: number; highlight: boolean }[] {
    const active = this.views
      .map((view, i) => ({ number: i + 1, highlight: view.highlights > 0, unread: view.unread }))
      .filter((view) => view.unread > 0);
    return [...active.filter((v) => v.highlight), ...active.filter((v) => !v.highlight)].map(
      ({ number, highlight }) => ({ number, highlight }),
    );
  }

  /**
   * Puts a line in view 1 and in its peer's view (opening it for a message), counting it
   * where it is not on screen. Returns the peer's view when it is not the one on screen
   * and the line is a message (the bell's business), else undefined.
   */
  route(line: Routed): Conversation | undefined {
    this.all.append(line.entry);
    if (line.peer === null) return undefined;
    const view = line.open
      ? this.open(line.peer, line.title ?? line.peer, line.entry.at)
      : this.byPeer.get(line.peer);
    if (!view) return undefined;
    view.append(line.entry);
    if (!line.message || view === this.current) return undefined;
    view.unread += 1;
    if (line.highlight) view.highlights += 1;
    return view;
  }
}
