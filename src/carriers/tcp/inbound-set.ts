import type { InboundConnection } from './inbound';

/**
 * The inbound connections held at once, at most `limit`. A new one is always taken: when
 * full, the one idle longest makes room, so idle or trickling sockets cannot lock out a
 * peer with something to say.
 */
export class InboundSet {
  private readonly connections = new Set<InboundConnection>();

  constructor(private readonly limit: number) {}

  /** Adds `connection`, evicting the longest idle one first if the set is full. */
  add(connection: InboundConnection): void {
    if (this.connections.size >= this.limit) {
      const victim = this.longestIdle();
      // Out of the set now, not at its 'close', so a burst never picks it twice.
      if (victim) this.connections.delete(victim);
      victim?.evict();
    }
    this.connections.add(connection);
  }

  delete(connection: InboundConnection): void {
    this.connections.delete(connection);
  }

  destroyAll(): void {
    for (const connection of this.connections) connection.destroy();
    this.connections.clear();
  }

  private longestIdle(): InboundConnection | undefined {
    let oldest: InboundConnection | undefined;
    for (const connection of this.connections) {
      if (!oldest || connection.lastActive < oldest.lastActive) oldest = connection;
    }
    return oldest;
  }
}
