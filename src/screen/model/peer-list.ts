import type { PeerSnapshot, PeerState } from '../../node/peers/peer-table';
import { shownName } from '../../app/lines';

export type PeerCounts = Record<PeerState, number>;

/** What the panel draws: only the rows on screen, and where they sit in the whole list. */
export interface PeerWindow {
  rows: PeerSnapshot[];
  /** Index of the first row in the filtered list. */
  first: number;
  /** Peers that match the filter (all of them without one). */
  total: number;
  /** Index of the selected peer within `rows`, or -1. */
  selected: number;
}

/** The longest address and name seen, for column widths that do not need a pass over all. */
export interface PeerWidths {
  address: number;
  name: number;
}

/**
 * The peer panel's data for a crowd (pure): most recent activity first, a filter on
 * address or name, a selection that stays on its peer as rows move, and a window of the
 * rows on screen, so drawing costs what is visible, not what is known. Counts per state
 * and the widest address and name are kept as peers change, never recounted.
 */
export class PeerList {
  /** Least recently active first: a Map keeps insertion order and activity re-inserts. */
  private readonly byActivity = new Map<string, PeerSnapshot>();
  readonly counts: PeerCounts = { listed: 0, known: 0, left: 0 };
  readonly widths: PeerWidths = { address: 0, name: 0 };
  private filterText = '';
  private selectedKey: string | null = null;
  /** The first row shown, as an index in the filtered, most-recent-first list. */
  private top = 0;

  get size(): number {
    return this.byActivity.size;
  }

  get filter(): string {
    return this.filterText;
  }

  get selected(): string | null {
    return this.selectedKey;
  }

  get(key: string): PeerSnapshot | undefined {
    return this.byActivity.get(key);
  }

  keys(): IterableIterator<string> {
    return this.byActivity.keys();
  }

  /** A peer joined, left or was active: it moves to the top. */
  upsert(peer: PeerSnapshot): void {
    const key = peer.address.key;
    const before = this.byActivity.get(key);
    if (before) {
      this.counts[before.state] -= 1;
      this.byActivity.delete(key);
    }
    this.counts[peer.state] += 1;
    this.byActivity.set(key, peer);
    this.widths.address = Math.max(this.widths.address, key.length);
    this.widths.name = Math.max(this.widths.name, shownName(peer).length);
  }

  remove(key: string): boolean {
    const peer = this.byActivity.get(key);
    if (!peer) return false;
    this.counts[peer.state] -= 1;
    this.byActivity.delete(key);
    return true;
  }

  /** Shows only peers whose address or name contains `text` (any case); '' shows all. */
  setFilter(text: string): void {
    this.filterText = text.trim().toLowerCase();
    this.top = 0;
  }

  /** Most recent first, filtered: one pass, no sort (the Map is in activity order). */
  ordered(): PeerSnapshot[] {
    const all = Array.from(this.byActivity.values()).reverse();
    const needle = this.filterText;
    if (needle === '') return all;
    return all.filter(
      (peer) => peer.address.key.includes(needle) || peer.name.toLowerCase().includes(needle),
    );
  }

  /** The `height` rows to draw, the window moved so the selected peer is among them. */
  window(height: number): PeerWindow {
    const list = this.ordered();
    const rows = Math.max(1, height);
    let selected = this.indexOf(list, this.selectedKey);
    if (selected === -1 && this.selectedKey !== null) {
      // Filtered out or forgotten: the selection moves to the first row shown.
      this.selectedKey = list[Math.min(this.top, list.length - 1)]?.address.key ?? null;
      selected = this.indexOf(list, this.selectedKey);
    }
    if (selected !== -1 && selected < this.top) this.top = selected;
    if (selected !== -1 && selected >= this.top + rows) this.top = selected - rows + 1;
    this.top = Math.max(0, Math.min(this.top, list.length - rows));
    return {
      rows: list.slice(this.top, this.top + rows),
      first: this.top,
      total: list.length,
      selected: selected === -1 ? -1 : selected - this.top,
    };
  }

  /** Moves the selection by `delta` rows (clamped); with none yet, starts at the top. */
  move(delta: number): void {
    const list = this.ordered();
    if (list.length === 0) return;
    const at = this.indexOf(list, this.selectedKey);
    const next = at === -1 ? 0 : Math.max(0, Math.min(list.length - 1, at + delta));
    this.selectedKey = list[next]?.address.key ?? null;
  }

  home(): void {
    this.selectedKey = this.ordered()[0]?.address.key ?? null;
  }

  end(): void {
    this.selectedKey = this.ordered().at(-1)?.address.key ?? null;
  }

  select(key: string): void {
    if (this.byActivity.has(key)) this.selectedKey = key;
  }

  private indexOf(list: PeerSnapshot[], key: string | null): number {
    if (key === null) return -1;
    // The selected peer is usually near the top (recent), so a forward scan ends early.
    for (let index = 0; index < list.length; index += 1)
      if (list[index]?.address.key === key) return index;
    return -1;
  }
}
