import type { PeerSnapshot, PeerTable } from './peer-table';

/**
 * Peers changed in this turn of the event loop get one `peer-updated` each, at its end,
 * with their state then: a flood (in or out) changes one peer thousands of times a second.
 */
export class PeerUpdates {
  private readonly keys = new Set<string>();

  constructor(
    private readonly peers: PeerTable,
    private readonly emit: (peer: PeerSnapshot) => void,
  ) {}

  changed(key: string): void {
    if (this.keys.size === 0) setImmediate(this.flush);
    this.keys.add(key);
  }

  private readonly flush = (): void => {
    for (const key of this.keys) {
      const peer = this.peers.get(key);
      if (peer) this.emit(peer);
    }
    this.keys.clear();
  };
}
