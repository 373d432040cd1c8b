import type { RoomEntry } from '../wire/room-log';

/** An entry of a member's log: whose log, where in it. */
export interface LoggedEntry {
  key: string;
  seq: number;
  entry: RoomEntry;
}

/**
 * The time each entry is shown at: its author's clock, clamped so that a wrong clock can
 * neither pin a line to the bottom (never later than now) nor put it above what came
 * before it: never earlier than the author's previous entry, nor than an entry its author
 * had seen (its `seen` clock). Sorting by this time keeps both rules.
 */
export function shownTimes(entries: LoggedEntry[], now: number): Map<LoggedEntry, number> {
  const byLog = new Map<string, Map<number, LoggedEntry>>();
  for (const item of entries) {
    let log = byLog.get(item.key);
    if (!log) byLog.set(item.key, (log = new Map()));
    log.set(item.seq, item);
  }
  const times = new Map<LoggedEntry, number>();
  const visiting = new Set<LoggedEntry>();
  const timeOf = (item: LoggedEntry): number => {
    const known = times.get(item);
    if (known !== undefined) return known;
    // A clock that names a later entry of ours (forged or broken): the cycle is cut here.
    if (visiting.has(item)) return Math.min(item.entry.at, now);
    visiting.add(item);
    let time = Math.min(item.entry.at, now);
    const previous = byLog.get(item.key)?.get(item.seq - 1);
    if (previous) time = Math.max(time, timeOf(previous));
    for (const [key, length] of item.entry.seen) {
      const seen = length > 0 ? byLog.get(key)?.get(length - 1) : undefined;
      if (seen && seen !== item) time = Math.max(time, timeOf(seen));
    }
    visiting.delete(item);
    times.set(item, time);
    return time;
  };
  for (const item of entries) timeOf(item);
  return times;
}

/** Entries in the order they are shown, each with its shown time. */
export function inShownOrder(
  entries: LoggedEntry[],
  now: number,
): { item: LoggedEntry; at: number }[] {
  const times = shownTimes(entries, now);
  return entries
    .map((item) => ({ item, at: times.get(item) ?? item.entry.at }))
    .sort(
      (a, b) =>
        a.at - b.at ||
        // Equal times: what its author had seen first, then a stable order.
        (dependsOn(b.item, a.item) ? -1 : dependsOn(a.item, b.item) ? 1 : 0) ||
        a.item.key.localeCompare(b.item.key) ||
        a.item.seq - b.item.seq,
    );
}

/** Whether `later`'s author had seen `earlier` (directly) when writing it. */
function dependsOn(later: LoggedEntry, earlier: LoggedEntry): boolean {
  if (later.key === earlier.key) return later.seq > earlier.seq;
  return later.entry.seen.some(([key, length]) => key === earlier.key && length > earlier.seq);
}
