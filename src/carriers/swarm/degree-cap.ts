import { LIMITS } from '../../wire/limits';

/**
 * A member's room connections kept at its cap (`--room-peers`): Hyperswarm caps the
 * connections we open, not those others open to us, so past the cap the oldest goes (a
 * newcomer always gets in); and now and then, at the cap, one goes to meet a member not
 * met yet, so that capped members form one connected graph over time, not islands. The
 * logs reach everyone through whoever holds them. A member let go is not one who left.
 */
export class DegreeCap {
  /** Open connections by key, oldest first (a Map keeps insertion order). */
  private readonly open = new Map<string, number>();
  /** Members we let go (not left): at most LIMITS.maxRoomPeers remembered. */
  private readonly letGo = new Set<string>();

  constructor(readonly cap: number) {}

  opened(key: string): void {
    this.open.delete(key);
    this.open.set(key, Date.now());
    this.letGo.delete(key);
  }

  closed(key: string): void {
    this.open.delete(key);
  }

  /** Whether we closed this member's connection ourselves: it did not leave. */
  wasLetGo(key: string): boolean {
    return this.letGo.has(key);
  }

  /** The connections to close so that at most `cap` stay, oldest first; never `newest`. */
  overflow(newest: string): string[] {
    const excess = this.open.size - this.cap;
    if (excess <= 0) return [];
    const oldest = [...this.open.keys()].filter((key) => key !== newest).slice(0, excess);
    for (const key of oldest) this.let(key);
    return oldest;
  }

  /** At the cap, with members not met: the oldest connection to close, and whom to meet. */
  rotation(unmet: string[]): { close: string; meet: string } | null {
    if (this.open.size < this.cap || unmet.length === 0) return null;
    const [close] = this.open.keys();
    const meet = unmet[Math.floor(Math.random() * unmet.length)];
    if (close === undefined || meet === undefined) return null;
    this.let(close);
    return { close, meet };
  }

  private let(key: string): void {
    this.letGo.add(key);
    if (this.letGo.size > LIMITS.maxRoomPeers) {
      const [first] = this.letGo;
      if (first !== undefined) this.letGo.delete(first);
    }
  }
}
