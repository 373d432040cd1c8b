/**
 * Keys seen within the last `windowMs`. `due(key)` is true once per window: the first time,
 * and again after the window. With an endless window it answers "never seen before?"
 * (link-id de-duplication).
 *
 * Bounded by two generations of `capacity / 2` keys: when the newer fills, the older is
 * forgotten whole. It remembers at least the last `capacity / 2` keys and at most
 * `capacity`, at O(1) a key (evicting one by one from the front of a Map was measured at
 * a tenth of a busy receiver's time: deleted entries stay as holes the next scan skips).
 */
export class Recently {
  private newer = new Map<string, number>();
  private older = new Map<string, number>();
  private readonly generation: number;

  constructor(
    private readonly windowMs: number,
    capacity = 10_000,
  ) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
  }

  due(key: string, now = Date.now()): boolean {
    const last = this.newer.get(key) ?? this.older.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    if (this.newer.size >= this.generation && !this.newer.has(key)) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, now);
    return true;
  }
}
