/** Peers' messages are drawn at most once per this gap (about 30 renders a second). */
export const MESSAGE_GAP_MS = 33;
/**
 * What the user did (a key, a focus change) is drawn sooner: under a flood a typed
 * character waited up to a whole message gap (measured p99 ~40 ms).
 */
export const INPUT_GAP_MS = 8;

/**
 * When to draw next: never sooner than a gap after the last draw *ended*, and never
 * sooner than that draw took, so drawing holds at most about half of the event loop
 * however dear a draw becomes (reading sockets gets the rest, and the screen catches up
 * when a burst is over). An earlier request (a key) moves a later one (a message)
 * forward. Knows nothing of blessed.
 */
export class RenderPacer {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private lastEnd = 0;
  private lastCostMs = 0;

  constructor(
    private readonly draw: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `now`: the user's own action (a key). When its gap has already passed it is drawn at
   * once, in this turn: under a crowd a turn of the event loop can take tens of
   * milliseconds, and a key waiting for the next one was seen at 170 ms (p99).
   */
  request(minGapMs: number, now = false): void {
    const due = Math.max(this.now(), this.lastEnd + Math.max(minGapMs, this.lastCostMs));
    if (now && due <= this.now()) {
      this.cancel();
      return this.draw();
    }
    if (this.timer !== undefined) {
      if (this.due <= due) return;
      clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, due - this.now());
  }

  /** A draw just ended, having taken `costMs`: the next gap counts from now. */
  drew(costMs = 0): void {
    this.lastEnd = this.now();
    this.lastCostMs = costMs;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
