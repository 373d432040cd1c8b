/** Peers' messages are drawn at most once per this gap (about 30 renders a second). */
export const MESSAGE_GAP_MS = 33;
/**
 * What the user did (a key, a focus change) is drawn sooner: under a flood a typed
 * character waited up to a whole message gap (measured p99 ~40 ms).
 */
export const INPUT_GAP_MS = 8;

/**
 * When to draw next: never sooner than a gap after the last draw, and an earlier request
 * (a key) moves a later one (a message) forward. Knows nothing of blessed.
 */
export class RenderPacer {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;
  private last = 0;

  constructor(private readonly draw: () => void) {}

  request(minGapMs: number): void {
    const due = Math.max(Date.now(), this.last + minGapMs);
    if (this.timer !== undefined) {
      if (this.due <= due) return;
      clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, due - Date.now());
  }

  /** A draw happened now (the next gap counts from here). */
  drew(): void {
    this.last = Date.now();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
