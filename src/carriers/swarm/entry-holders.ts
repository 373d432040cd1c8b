/** Our newest entries whose holders are still counted: older ones are taken as held. */
const PENDING_KEPT = 256;

/**
 * Who holds our entries in one room (`sent to 7 of 9`): a member holds every entry below
 * the length it has downloaded of our log, or below what its own entries say it had seen.
 * Each holder is told once per entry.
 */
export class EntryHolders {
  /** By seq in our log: the entry's id, and the members known to hold it. */
  private readonly pending = new Map<number, { id: string; holders: Set<string> }>();

  constructor(private readonly held: (id: string, key: string) => void) {}

  get counting(): boolean {
    return this.pending.size > 0;
  }

  /** We appended entry `id` at `seq`. */
  posted(seq: number, id: string): void {
    this.pending.set(seq, { id, holders: new Set() });
    for (const oldest of this.pending.keys()) {
      if (this.pending.size <= PENDING_KEPT) break;
      this.pending.delete(oldest);
    }
  }

  /** Member `key` holds our log below `length`. */
  heldUpTo(key: string, length: number): void {
    for (const [seq, pending] of this.pending) {
      if (seq >= length || pending.holders.has(key)) continue;
      pending.holders.add(key);
      this.held(pending.id, key);
    }
  }
}
