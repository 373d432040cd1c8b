/**
 * Runs `flush` soon after the first `schedule()`: at the end of this turn of the event
 * loop when things are quiet, or a few milliseconds later when it flushed a moment ago,
 * so a busy stream makes one write per few milliseconds instead of one per turn.
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
      this.lastFlush = Date.now();
      this.flush();
    };
    if (Date.now() - this.lastFlush < this.busyDelayMs) setTimeout(run, this.busyDelayMs);
    else setImmediate(run);
  }
}
