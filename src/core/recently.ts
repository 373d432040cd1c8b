/**
 * Keys seen within the last `windowMs`, at most `capacity` of them (the oldest is forgotten
 * first). `due(key)` is true once per window: the first time, and again after the window.
 * With an endless window it answers "never seen before?" (link-id de-duplication).
 */
export class Recently {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity = 10_000,
  ) {}

  due(key: string, now = Date.now()): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    // Re-inserted, so a Map's insertion order stays oldest-first.
    this.seen.delete(key);
    this.seen.set(key, now);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }
}
