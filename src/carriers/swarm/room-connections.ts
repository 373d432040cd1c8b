import type { RoomConnection } from './room-connection';

/**
 * The room connections by remote key, safe against Hyperswarm's duplicates (hyperswarm's
 * lib/connection-set.js is the model): a second connection to a key becomes the one in
 * use, the older kept as spare until Hyperswarm closes whichever of the two it does not
 * keep (closing the older ourselves could close the one it kept).
 */
export class RoomConnections {
  private readonly current = new Map<string, RoomConnection>();
  /** Older connections to a key while Hyperswarm settles which one it keeps. */
  private readonly spare = new Map<string, RoomConnection[]>();

  get size(): number {
    return this.current.size;
  }

  get(key: string): RoomConnection | undefined {
    return this.current.get(key);
  }

  has(key: string): boolean {
    return this.current.has(key);
  }

  values(): IterableIterator<RoomConnection> {
    return this.current.values();
  }

  [Symbol.iterator](): IterableIterator<RoomConnection> {
    return this.current.values();
  }

  /** A new connection to its key: the one in use from now on. */
  add(connection: RoomConnection): void {
    const key = connection.remoteKey;
    const older = this.current.get(key);
    if (older) this.spare.set(key, [...(this.spare.get(key) ?? []), older]);
    this.current.set(key, connection);
  }

  /**
   * A connection closed: `spare` when it was not the one in use (nothing changes),
   * `replaced` with the spare now in use, or `gone` when no connection to its key is left.
   */
  closed(
    connection: RoomConnection,
  ): { was: 'spare' | 'gone' } | { was: 'replaced'; by: RoomConnection } {
    const key = connection.remoteKey;
    const spares = (this.spare.get(key) ?? []).filter((c) => c !== connection);
    const inUse = this.current.get(key) === connection;
    const successor = inUse ? spares.pop() : undefined;
    if (spares.length === 0) this.spare.delete(key);
    else this.spare.set(key, spares);
    if (!inUse) return { was: 'spare' };
    if (successor) {
      this.current.set(key, successor);
      return { was: 'replaced', by: successor };
    }
    this.current.delete(key);
    return { was: 'gone' };
  }
}
