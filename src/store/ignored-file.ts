import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { LIMITS } from '../wire/limits';

const IgnoredSchema = z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(LIMITS.maxIgnored);

/** The keys you ignore (`/ignore`), in `ignored.json` of the identity's folder. */
export class IgnoredFile {
  private readonly path: string;

  constructor(
    dir: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.path = join(dir, 'ignored.json');
  }

  /** The keys kept; none when the file is missing or not what we wrote. */
  load(): string[] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return [];
    }
    const parsed = IgnoredSchema.safeParse(raw);
    return parsed.success ? parsed.data : [];
  }

  save(keys: string[]): void {
    writeFileAtomic(this.path, `${JSON.stringify(keys)}\n`, (error?: Error) => {
      if (error) this.onError(error);
    });
  }
}
