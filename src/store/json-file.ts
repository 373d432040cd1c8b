import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';

/**
 * One JSON value in a file of the identity's folder, written whole and atomically (a
 * `kill -9` leaves the last complete one), read back through its schema: a file missing,
 * torn or not what we wrote is `fallback`.
 */
export class JsonFile<T> {
  private readonly path: string;

  constructor(
    dir: string,
    name: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: T,
    private readonly onError: (error: Error) => void,
  ) {
    this.path = join(dir, name);
  }

  load(): T {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return this.fallback;
    }
    const parsed = this.schema.safeParse(raw);
    return parsed.success ? parsed.data : this.fallback;
  }

  save(value: T): void {
    writeFileAtomic(this.path, `${JSON.stringify(value)}\n`, (error?: Error) => {
      if (error) this.onError(error);
    });
  }
}
