import type { Delivery } from '../events';
import type { Attempt, Outgoing } from './outgoing';
import type { Router } from './router';
import { DEFAULT_RETRY, PeerQueue, type Entry, type RetryPolicy } from './peer-queue';

export { DEFAULT_RETRY, type RetryPolicy } from './peer-queue';

/** The failure that holds a peer's messages instead of retrying them (node/peers/trust.ts). */
const HELD_FOR_KEY = 'E_KEY_CHANGED';

interface Failure {
  entry: Entry;
  via: Delivery['via'];
  error: string;
}

/**
 * Per-peer ordered queues with retry. A chat message to a peer that cannot be reached
 * waits (reported `queued` once), is retried with doubling backoff, and leaves in order
 * when the peer is back, or `failed` after the policy's limit. Connect and leave are tried
 * once: they mean "now". Each peer has its own queue, so one peer never delays another.
 */
export class Outbox {
  private readonly queues = new Map<string, PeerQueue>();
  private readonly failedItems: Outgoing[] = [];
  private readonly attempts = new Set<Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly router: Router,
    private readonly report: (delivery: Delivery) => void,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves with the first outcome: `sent`, `failed`, or `queued` while it retries. */
  send(item: Outgoing): Promise<Delivery> {
    const queue = this.queueFor(item.to.key);
    return new Promise((resolve) => {
      const entry: Entry = { item, first: resolve, reportedQueued: 'no' };
      queue.entries.push(entry);
      // A connect or leave is a reason to try an unreachable peer again at once.
      if (item.kind !== 'chat') queue.wake?.();
      // Behind a message already waiting for this peer, a new one waits too: say so now.
      else if (queue.unreachable) this.markQueued(entry, queue.unreachable);
      this.pumpSoon(queue);
    });
  }

  /** Chat messages waiting for their peers, oldest first. */
  waiting(): Outgoing[] {
    return [...this.queues.values()].flatMap((queue) => queue.entries.map((entry) => entry.item));
  }

  /** Whether anything waits for this peer. */
  hasQueued(key: string): boolean {
    return (this.queues.get(key)?.entries.length ?? 0) > 0;
  }

  failed(): Outgoing[] {
    return [...this.failedItems];
  }

  /** Puts every failed message back in its queue; returns how many. */
  retryFailed(): number {
    const items = this.failedItems.splice(0);
    // Each one's delivery events say how it went.
    items.forEach((item) => this.send(item).catch(() => undefined));
    return items.length;
  }

  /** Keeps a message that failed in an earlier run, for `retryFailed`. */
  keepFailed(item: Outgoing): void {
    this.failedItems.push(item);
  }

  /** Resolves when no attempt is on the wire (quitting waits for this, bounded). */
  async settled(): Promise<void> {
    while (this.attempts.size > 0) await Promise.allSettled([...this.attempts]);
  }

  close(): void {
    this.closed = true;
    for (const queue of this.queues.values()) queue.wake?.();
    this.router.closeAll();
  }

  private track<T>(attempt: Promise<T>): Promise<T> {
    this.attempts.add(attempt);
    const done = (): void => {
      this.attempts.delete(attempt);
    };
    attempt.then(done, done);
    return attempt;
  }

  private queueFor(key: string): PeerQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new PeerQueue();
      this.queues.set(key, queue);
    }
    return queue;
  }

  /**
   * Starts the queue's pump unless it runs. A carrier that throws (a bug: they report
   * failures as outcomes) costs that turn only: the pump stops, and the next send or
   * retry starts it again.
   */
  private pumpSoon(queue: PeerQueue): void {
    this.pump(queue).catch(() => undefined);
  }

  private async pump(queue: PeerQueue): Promise<void> {
    if (queue.running) return;
    queue.running = true;
    try {
      while (queue.entries.length > 0 && !this.closed) {
        const batch = queue.nextBatch();
        const attempts = await this.track(
          this.router.deliverBatch(batch.map((entry) => entry.item)),
        );
        if (this.closed) break;
        const failed = this.settleSent(queue, batch, attempts);
        if (failed) await this.afterFailure(queue, failed.entry, failed.via, failed.error);
      }
    } finally {
      queue.running = false;
    }
  }

  /** Settles the delivered prefix of `batch`; returns the first that failed, if any. */
  private settleSent(queue: PeerQueue, batch: Entry[], attempts: Attempt[]): Failure | undefined {
    const sent: Array<{ entry: Entry; via: Delivery['via'] }> = [];
    let failure: Failure | undefined;
    for (const [index, entry] of batch.entries()) {
      const attempt = attempts[index];
      if (!attempt) break; // not tried: still at the head, next turn
      if (!attempt.outcome.ok) {
        failure = { entry, via: attempt.via, error: attempt.outcome.error };
        break;
      }
      sent.push({ entry, via: attempt.via });
    }
    queue.takeSent(sent.length);
    for (const { entry, via } of sent) this.settle(entry, { ...entry.item, state: 'sent', via });
    return failure;
  }

  private async afterFailure(
    queue: PeerQueue,
    entry: Entry,
    via: Delivery['via'],
    error: string,
  ): Promise<void> {
    const failure = { ...entry.item, via, error };
    this.failOneShots(queue, via, error);
    // Refused for its key: held, without a give-up time, until `/trust` releases it.
    const held = error === HELD_FOR_KEY && entry.item.kind === 'chat';
    if (
      !held &&
      (entry.item.kind !== 'chat' || this.now() - entry.item.createdAt >= this.policy.giveUpAfterMs)
    ) {
      queue.entries.shift();
      if (entry.item.kind === 'chat') this.failedItems.push(entry.item);
      this.settle(entry, { ...failure, state: 'failed' });
      return;
    }
    queue.unreachable = { via, error };
    for (const waiting of queue.entries)
      if (waiting.item.kind === 'chat') this.markQueued(waiting, queue.unreachable);
    await (held ? queue.hold() : queue.backoff(this.policy));
  }

  /** Tries a held (or waiting) peer's messages again now: its new key was accepted. */
  release(key: string): void {
    const queue = this.queues.get(key);
    if (!queue) return;
    queue.delayMs = 0;
    queue.wake?.();
  }

  /** The peer is unreachable: connects and leaves behind the head fail now, not later. */
  private failOneShots(queue: PeerQueue, via: Delivery['via'], error: string): void {
    for (const entry of queue.takeOneShotsBehindHead())
      this.settle(entry, { ...entry.item, via, error, state: 'failed' });
  }

  private markQueued(entry: Entry, failure: { via: Delivery['via']; error: string }): void {
    const why = failure.error === HELD_FOR_KEY ? 'held' : 'unreachable';
    if (entry.reportedQueued === why) return;
    entry.reportedQueued = why;
    this.settle(entry, { ...entry.item, ...failure, state: 'queued' });
  }

  private settle(entry: Entry, delivery: Delivery): void {
    this.report(delivery);
    entry.first?.(delivery);
    entry.first = undefined;
  }
}
