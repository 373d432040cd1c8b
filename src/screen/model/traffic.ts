/** Messages in and out per bucket of time, for the sparkline: a bounded series each. */
export class Traffic {
  readonly in: number[] = [0];
  readonly out: number[] = [0];

  constructor(private readonly buckets: number) {}

  bump(direction: 'in' | 'out'): void {
    const series = this[direction];
    series[series.length - 1] = (series[series.length - 1] ?? 0) + 1;
  }

  /** Starts a new bucket; the oldest falls off. Returns whether the graph changed. */
  tick(): boolean {
    const quiet = this.in.every((count) => count === 0) && this.out.every((count) => count === 0);
    for (const series of [this.in, this.out]) {
      series.push(0);
      if (series.length > this.buckets) series.shift();
    }
    return !quiet;
  }
}
