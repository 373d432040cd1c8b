/**
 * Busy means the last flush was under this long ago (over ~3,000 flushes a second). A
 * conversation's round trip between two peers is longer (measured ~0.5 ms on loopback),
 * so it is never delayed; a flood of one-connection messages is.
 */
const BUSY_WINDOW_MS = 0.3;

/**
 * Runs `flush` soon after the first `schedule()`: at the end of this turn of the event
 * loop when things are quiet, or `busyDelayMs` later when it flushed a moment ago, so a
 * busy stream makes one write per millisecond instead of one per turn.
 */
export class FlushScheduler {
  private scheduled = false;
  private lastFlush = 0;

  constructor(
    private readonly flush: () => void,
    private readonly busyDelayMs = 1,
  ) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      this.lastFlush = performance.now();
      this.flush();
    };
    if (performance.now() - this.lastFlush < BUSY_WINDOW_MS) setTimeout(run, this.busyDelayMs);
    else setImmediate(run);
  }
}
