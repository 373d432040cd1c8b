import { LIMITS } from '../../wire/limits';

/**
 * The members you ignore (`/ignore`), by key: nothing they write is shown, their room logs
 * are neither followed nor served. Kept across restarts by the store (ignored.json).
 */
export class Ignored {
  private readonly keys: Set<string>;

  constructor(
    initial: string[] = [],
    private readonly onChange: (keys: string[]) => void = () => undefined,
  ) {
    this.keys = new Set(initial.slice(0, LIMITS.maxIgnored));
  }

  has(key: string | undefined | null): boolean {
    return key !== undefined && key !== null && this.keys.has(key);
  }

  /** False when already ignored, or past the cap. */
  add(key: string): boolean {
    if (this.keys.has(key) || this.keys.size >= LIMITS.maxIgnored) return false;
    this.keys.add(key);
    this.onChange(this.list());
    return true;
  }

  remove(key: string): boolean {
    if (!this.keys.delete(key)) return false;
    this.onChange(this.list());
    return true;
  }

  list(): string[] {
    return [...this.keys];
  }
}
