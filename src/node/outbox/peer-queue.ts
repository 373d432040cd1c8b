import type { Delivery } from '../events';
import type { Outgoing } from './outgoing';

export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A chat message still undelivered this long after it was typed has failed. */
  giveUpAfterMs: number;
}

/** Messages one link carries before their acknowledgements (order holds: one TCP stream). */
const BATCH_LIMIT = 256;

export const DEFAULT_RETRY: RetryPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  giveUpAfterMs: 10 * 60_000,
};

export interface Entry {
  item: Outgoing;
  /** Resolves the caller's promise with the first outcome. */
  first?: (delivery: Delivery) => void;
  /** Said queued already: for an unreachable peer, or held for its key (said again if that changes). */
  reportedQueued: 'no' | 'unreachable' | 'held';
}

/** One peer's messages, in order, and how its last attempt went. */
export class PeerQueue {
  entries: Entry[] = [];
  running = false;
  delayMs = 0;
  /** Set while the peer cannot be reached: how the last attempt failed. */
  unreachable: { via: Delivery['via']; error: string } | undefined;
  /** Cuts a backoff wait or a hold short. */
  wake: (() => void) | undefined;

  /**
   * The head, and the chat messages right behind it: a peer-tui link carries them all
   * before the first acknowledgement comes back (one round trip for many messages).
   */
  nextBatch(): Entry[] {
    const [head] = this.entries;
    if (!head || head.item.kind !== 'chat') return head ? [head] : [];
    const batch: Entry[] = [];
    for (const entry of this.entries) {
      if (entry.item.kind !== 'chat' || batch.length >= BATCH_LIMIT) break;
      batch.push(entry);
    }
    return batch;
  }

  /** The first `count` went out: the peer is reachable, the next failure starts afresh. */
  takeSent(count: number): void {
    // One splice per batch: a shift per message moved a long queue once per message.
    this.entries.splice(0, count);
    if (count === 0) return;
    this.delayMs = 0;
    this.unreachable = undefined;
  }

  /** Connects and leaves behind the head, taken out: they mean "now", not "later". */
  takeOneShotsBehindHead(): Entry[] {
    const [head, ...rest] = this.entries;
    const oneShots = rest.filter((entry) => entry.item.kind !== 'chat');
    if (oneShots.length === 0) return [];
    this.entries = [...(head ? [head] : []), ...rest.filter((entry) => entry.item.kind === 'chat')];
    return oneShots;
  }

  /** Waits, without a time limit, for `wake` (a `/trust` of its new key). */
  hold(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = (): void => {
        this.wake = undefined;
        resolve();
      };
    });
  }

  /** Waits the next, doubled, delay; `wake` cuts it short. */
  backoff(policy: RetryPolicy): Promise<void> {
    this.delayMs =
      this.delayMs === 0 ? policy.firstDelayMs : Math.min(this.delayMs * 2, policy.maxDelayMs);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.delayMs);
      this.wake = done;
    });
  }
}
