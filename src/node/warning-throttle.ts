import type { Warning, WarningCode } from './events';

/** Warnings that come in floods (an attack, a crowd) rather than one at a time. */
const FLOOD_CODES = new Set<WarningCode>([
  'E_SLOW',
  'E_EVICTED',
  'E_UNPARSED_FLOOD',
  'E_FRAME_TOO_LARGE',
]);

/**
 * Passes warnings on, but of a flood code only the first in each window, then one line
 * counting the rest: 3,000 slow sockets make two lines, not 3,000.
 */
export class WarningThrottle {
  private readonly windows = new Map<WarningCode, { suppressed: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly emit: (warning: Warning) => void,
    private readonly windowMs = 10_000,
  ) {}

  report(warning: Warning): void {
    if (!FLOOD_CODES.has(warning.code)) return this.emit(warning);
    const window = this.windows.get(warning.code);
    if (window) {
      window.suppressed += 1;
      return;
    }
    this.emit(warning);
    this.open(warning.code);
  }

  close(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(code: WarningCode): void {
    const timer = setTimeout(() => {
      const window = this.windows.get(code);
      this.windows.delete(code);
      if (!window || window.suppressed === 0) return;
      this.emit({
        code,
        message: `${window.suppressed} more like this in the last ${this.windowMs / 1000} s`,
      });
      this.open(code);
    }, this.windowMs);
    timer.unref();
    this.windows.set(code, { suppressed: 0, timer });
  }
}
