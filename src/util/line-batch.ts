import { FlushScheduler } from './flush-scheduler';

const LF = 0x0a;
/** A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 4 for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Lines written together: encoded to UTF-8 as they are added, and handed to `write` in one
 * piece at the end of the turn (per millisecond when busy, see FlushScheduler), when the
 * next line does not fit, or on `flush`. Holding bytes instead of strings keeps a busy
 * stream's text out of the garbage collector's young generation: every string dies in the
 * turn that made it (measured: a third of the collector's time under a flood of messages
 * went to copying queued lines).
 */
export class LineBatch {
  private bytes: Buffer;
  private used = 0;
  private readonly scheduler = new FlushScheduler(() => this.flush());

  /**
   * `write` gets a view of the batch's memory, valid during the call only: a stream that
   * may keep it must be given a copy. A line larger than the whole batch grows it.
   */
  constructor(
    private readonly write: (bytes: Buffer) => void,
    private readonly capacity = 64 * 1024,
  ) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  add(line: string): void {
    const room = line.length * MAX_UTF8_PER_UNIT + 1;
    if (this.used + room > this.bytes.length) {
      this.flush();
      if (room > this.bytes.length) this.bytes = Buffer.allocUnsafe(room);
    }
    this.used += this.bytes.write(line, this.used, 'utf8');
    this.bytes[this.used++] = LF;
    this.scheduler.schedule();
  }

  /** Writes what is waiting now (before anything shows it, and at exit). */
  flush(): void {
    if (this.used === 0) return;
    const view = this.bytes.subarray(0, this.used);
    this.used = 0;
    if (this.bytes.length > this.capacity) this.bytes = Buffer.allocUnsafe(this.capacity);
    this.write(view);
  }
}
