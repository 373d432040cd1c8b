import type { SendOutcome } from '../../node/outbox/outgoing';

interface Pending {
  resolve(outcome: SendOutcome): void;
  sentAt: number;
}

/**
 * Messages written on a link and waiting for their acknowledgement, by id. One timer for
 * the oldest (a timer per message was churn): when it has waited `timeoutMs`, `onTimeout`
 * is told, and the link's owner breaks the link (failing them all).
 */
export class AckWaiters {
  private readonly pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onTimeout: () => void,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** Resolves when `settle(id)` is called, or with the code of `failAll`. */
  wait(id: string): Promise<SendOutcome> {
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, sentAt: Date.now() });
      this.timer ??= setTimeout(this.check, this.timeoutMs);
    });
  }

  /** The ack for `id` came; an unknown id is ignored. */
  settle(id: string): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    waiting.resolve({ ok: true });
  }

  failAll(code: string): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiting of this.pending.values()) waiting.resolve({ ok: false, error: code });
    this.pending.clear();
  }

  /** The oldest message waiting (a Map keeps insertion order) sets the next deadline. */
  private readonly check = (): void => {
    this.timer = undefined;
    const oldest = this.pending.values().next();
    if (oldest.done === true) return;
    const waited = Date.now() - oldest.value.sentAt;
    if (waited >= this.timeoutMs) return this.onTimeout();
    this.timer = setTimeout(this.check, this.timeoutMs - waited);
  };
}
