import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import type { z } from 'zod';
import { LineBatch } from '../util/line-batch';

/**
 * An append-only file of JSON lines. The records of a moment leave in one `write`, and
 * `flush` is called before anything shows them, so a `kill -9` loses nothing already on
 * screen; a torn last line is skipped on reading.
 */
export class JsonLines {
  private fd: number | undefined;
  private failed = false;
  private readonly pending = new LineBatch((bytes) => this.write(bytes));

  /** `onError` hears of the first failed write (disk full, folder gone); later ones are dropped. */
  constructor(
    readonly path: string,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  /**
   * Queues a record; records of one turn of the event loop are written together at its
   * end, and `flush` writes them at once (before anything shows them, and at exit).
   */
  append(record: object): void {
    this.appendJson(JSON.stringify(record));
  }

  /** A record already serialised (a hot path builds its JSON without an object). */
  appendJson(json: string): void {
    if (!this.failed) this.pending.add(json);
  }

  flush(): void {
    this.pending.flush();
  }

  private write(bytes: Buffer): void {
    if (this.failed) return;
    try {
      this.fd ??= openSync(this.path, 'a');
      writeSync(this.fd, bytes);
    } catch (error) {
      this.failed = true;
      this.onError(error as Error);
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The records of a JSON-lines file that parse and match `schema`, at most the last `maxBytes`. */
export function readJsonLines<T>(path: string, schema: z.ZodType<T>, maxBytes = Infinity): T[] {
  if (!existsSync(path)) return [];
  const size = statSync(path).size;
  const text = size > maxBytes ? readTail(path, size, maxBytes) : readFileSync(path, 'utf8');
  const records: T[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue; // a torn line: the write that would have ended it never happened
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
  }
  return records;
}

function readTail(path: string, size: number, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    const read = readSync(fd, buffer, 0, maxBytes, size - maxBytes);
    const text = buffer.toString('utf8', 0, read);
    // The first line is probably cut: drop it.
    return text.slice(text.indexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
}
