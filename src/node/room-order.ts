import type { RoomEntry } from '../wire/room-log';

/** An entry of a member's log: whose log, where in it. */
export interface LoggedEntry {
  key: string;
  seq: number;
  entry: RoomEntry;
}

interface Graph {
  /** What each entry comes after (its log's previous one, those its author had seen). */
  before: Map<LoggedEntry, LoggedEntry[]>;
  after: Map<LoggedEntry, LoggedEntry[]>;
}

function graphOf(entries: LoggedEntry[]): Graph {
  const index = new Map(entries.map((item) => [`${item.key} ${item.seq}`, item]));
  const before = new Map<LoggedEntry, LoggedEntry[]>();
  const after = new Map<LoggedEntry, LoggedEntry[]>();
  for (const item of entries) {
    const deps = new Set<LoggedEntry>();
    const previous = index.get(`${item.key} ${item.seq - 1}`);
    if (previous) deps.add(previous);
    for (const [key, length] of item.entry.seen) {
      const seen = length > 0 ? index.get(`${key} ${length - 1}`) : undefined;
      if (seen && seen !== item) deps.add(seen);
    }
    before.set(item, [...deps]);
    for (const dep of deps) {
      const list = after.get(dep);
      if (list) list.push(item);
      else after.set(dep, [item]);
    }
  }
  return { before, after };
}

/**
 * Visits entries so that each comes after all it depends on, the least by `less` first
 * among those ready (Kahn's algorithm); entries caught in a cycle (a forged clock naming a
 * later entry) come last, by `less`.
 */
function topological(
  entries: LoggedEntry[],
  graph: Graph,
  less: (a: LoggedEntry, b: LoggedEntry) => boolean,
): LoggedEntry[] {
  const waiting = new Map(entries.map((item) => [item, graph.before.get(item)?.length ?? 0]));
  const ready = new MinHeap<LoggedEntry>(less);
  for (const [item, count] of waiting) if (count === 0) ready.push(item);
  const order: LoggedEntry[] = [];
  for (let item = ready.pop(); item !== undefined; item = ready.pop()) {
    order.push(item);
    waiting.delete(item);
    for (const next of graph.after.get(item) ?? []) {
      const left = (waiting.get(next) ?? 1) - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const stuck = [...waiting.keys()].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  return [...order, ...stuck];
}

const bySeq = (a: LoggedEntry, b: LoggedEntry): boolean =>
  (a.key.localeCompare(b.key) || a.seq - b.seq) < 0;

/**
 * Entries in the order they are shown, each with its shown time: its author's clock,
 * clamped so that a wrong clock can neither pin a line to the bottom (never later than
 * now) nor put it above what came before it (never earlier than its log's previous entry,
 * nor than an entry its author had seen). By that time, and never before an entry it
 * depends on, even where times are equal.
 */
export function inShownOrder(
  entries: LoggedEntry[],
  now: number,
): { item: LoggedEntry; at: number }[] {
  const graph = graphOf(entries);
  const times = new Map<LoggedEntry, number>();
  for (const item of topological(entries, graph, bySeq)) {
    let time = Math.min(item.entry.at, now);
    for (const dep of graph.before.get(item) ?? []) time = Math.max(time, times.get(dep) ?? 0);
    times.set(item, time);
  }
  const time = (item: LoggedEntry): number => times.get(item) ?? 0;
  const earlier = (a: LoggedEntry, b: LoggedEntry): boolean =>
    (time(a) - time(b) || a.key.localeCompare(b.key) || a.seq - b.seq) < 0;
  return topological(entries, graph, earlier).map((item) => ({ item, at: time(item) }));
}

/** A binary heap: the least first, by `less`. */
class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] as T, items[parent] as T)) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && this.less(items[left] as T, items[least] as T)) least = left;
      if (right < items.length && this.less(items[right] as T, items[least] as T)) least = right;
      if (least === i) break;
      [items[i], items[least]] = [items[least] as T, items[i] as T];
      i = least;
    }
    return top;
  }
}
