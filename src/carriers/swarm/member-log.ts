import type Hypercore from 'hypercore';
import { LIMITS } from '../../wire/limits';
import { parseRoomEntry, type RoomEntry } from '../../wire/room-log';
import { clearedTo, trimLog } from './log-trim';
import type { LoggedEntry } from '../../node/room-order';

/** What a member's log tells the room's logs. */
export interface MemberLogEvents {
  /** The next entry, in the log's order, with the time it is shown at. */
  entry(entry: RoomEntry, at: number): void;
  note(text: string): void;
  /** Another member's log of the same room, to wait for what an entry's author had seen. */
  shownOf(key: string): MemberLog | undefined;
}

/** How long an entry waits for one its author had seen before it is shown anyway. */
const SEEN_WAIT_MS = 5000;
/** Entries between two looks at a log's size on disk. */
export const TRIM_EVERY = 64;
/** How long one block is waited for before the log is looked at again. */
const BLOCK_WAIT_MS = 10_000;

/**
 * One member's log in one room, followed live: its blocks downloaded in full (so we serve
 * them), each shown once, in order, after what its author had seen, within the member's
 * rate (past it, muted with one note). A block that is no entry is skipped with a note.
 */
export class MemberLog {
  /** Entries of this log handed on (shown, or skipped): the next one's seq. */
  shownLength = 0;
  lastShownAt = 0;
  /** The last shown time: the next entry is never shown earlier. */
  private lastAt = 0;
  private running = false;
  private closed = false;
  private muted = false;
  private window = { start: 0, entries: 0, bytes: 0 };
  private readonly waiters = new Set<() => void>();
  /** Set for a log never read here: how many of its last entries to show. */
  private fresh: number | undefined;
  /**
   * The length it had when we began to follow it: entries below are caught up with (at
   * most the backlog), those after are live and count toward the member's rate.
   */
  private liveFrom: number | undefined;

  constructor(
    readonly key: string,
    private readonly core: Hypercore,
    private readonly events: MemberLogEvents,
    private readonly now: () => number,
    /** The disk one log may take; past it the oldest blocks are cleared. */
    private readonly maxBytes: number = LIMITS.roomLogBytes,
  ) {
    core.on('append', this.pump);
  }

  /** Serves and fetches this log over a room connection that proved its room. */
  replicate(stream: unknown): void {
    this.core.replicate(stream);
  }

  async ready(): Promise<void> {
    await this.core.ready();
  }

  /**
   * Up to `count` of its last entries held on disk, for the backlog; they count as shown.
   * It stops at the first block not on disk (a download cut short): from there the log is
   * read as it comes, so nothing is skipped.
   */
  async recent(count: number): Promise<LoggedEntry[]> {
    const { entries, next } = await readRecent(this.core, this.key, count);
    this.shownLength = next;
    for (const item of entries)
      this.lastAt = Math.max(this.lastAt, Math.min(item.entry.at, this.now()));
    return entries;
  }

  /**
   * Downloads the whole log, now and as it grows, and shows what comes: of a log never
   * read here, only its last `backlog` entries (the rest is served, not shown).
   */
  start(backlog?: number): void {
    this.fresh = backlog;
    this.core.download({ start: 0, end: -1 });
    this.pump();
  }

  /** Resolves once this log's entries up to `length` were handed on, or after the wait. */
  until(length: number): Promise<void> {
    if (this.shownLength >= length || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const check = (): void => {
        if (this.shownLength >= length || this.closed) done();
      };
      const timer = setTimeout(done, SEEN_WAIT_MS);
      timer.unref();
      this.waiters.add(check);
    });
  }

  readonly pump = (): void => {
    if (this.running || this.closed) return;
    this.running = true;
    this.drain()
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        if (!this.closed && this.shownLength < this.core.length) setImmediate(this.pump);
      });
  };

  private async drain(): Promise<void> {
    // Nothing known of it yet: its length comes with the first peer that has it.
    if (this.core.length === 0) return;
    if (this.fresh !== undefined) {
      this.shownLength = Math.max(this.shownLength, this.core.length - this.fresh);
      this.fresh = undefined;
    }
    this.liveFrom ??= this.core.length;
    while (!this.closed && this.shownLength < this.core.length) {
      const seq = this.shownLength;
      const block = await this.core.get(seq, { timeout: BLOCK_WAIT_MS });
      if (this.closed || seq !== this.shownLength) return;
      if (block) await this.take(block, seq >= (this.liveFrom ?? 0));
      this.shownLength = seq + 1;
      for (const wake of [...this.waiters]) wake();
      if (this.shownLength % TRIM_EVERY === 0) await trimLog(this.core, this.maxBytes);
    }
  }

  private async take(block: Buffer, live: boolean): Promise<void> {
    const parsed = parseRoomEntry(block);
    if (!parsed.ok)
      return this.events.note(`a block of ${this.key.slice(0, 8)}… skipped: ${parsed.code}`);
    if (live ? this.overRate(block.length) : this.muted) return;
    const entry = parsed.entry;
    for (const [key, length] of entry.seen) {
      const other = this.events.shownOf(key);
      if (other && other !== this) await other.until(length);
    }
    const at = Math.max(this.lastAt, Math.min(entry.at, this.now()));
    this.lastAt = at;
    this.lastShownAt = this.now();
    this.events.entry(entry, at);
  }

  /** Past its rate a member is muted for this run, with one note. */
  private overRate(bytes: number): boolean {
    if (this.muted) return true;
    const now = this.now();
    if (now - this.window.start >= 60_000) this.window = { start: now, entries: 0, bytes: 0 };
    this.window.entries += 1;
    this.window.bytes += bytes;
    if (
      this.window.entries <= LIMITS.roomEntriesPerMinute &&
      this.window.bytes <= LIMITS.roomBytesPerMinute
    )
      return false;
    this.muted = true;
    this.events.note(
      `${this.key.slice(0, 8)}… muted: more than ${LIMITS.roomEntriesPerMinute} messages or ${LIMITS.roomBytesPerMinute / 1024} KiB a minute (/ignore hides it for good)`,
    );
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.core.off('append', this.pump);
    for (const wake of [...this.waiters]) wake();
    await this.core.close();
  }
}

/**
 * The last `count` entries of a log held on disk, up to the first block that is not (a
 * download cut short), and the seq to read on from.
 */
export async function readRecent(
  core: Hypercore,
  key: string,
  count: number,
): Promise<{ entries: LoggedEntry[]; next: number }> {
  const entries: LoggedEntry[] = [];
  let seq = Math.max(await clearedTo(core), core.length - count);
  for (; seq < core.length; seq += 1) {
    const block = await core.get(seq, { wait: false });
    if (!block) break;
    const parsed = parseRoomEntry(block);
    if (parsed.ok) entries.push({ key, seq, entry: parsed.entry });
  }
  return { entries, next: seq };
}
