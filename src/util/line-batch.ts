const LF = 0x0a;
/** A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 4 for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Lines waiting to be written together, encoded to UTF-8 as they are added. Holding bytes
 * instead of strings keeps a busy stream's text out of the garbage collector's young
 * generation: every string dies in the turn that made it (measured: a third of the
 * collector's time under a flood of messages went to copying queued lines).
 */
export class LineBatch {
  private bytes: Buffer;
  private used = 0;

  /**
   * `onFull` is asked to write the batch out when the next line does not fit; a line
   * larger than the whole batch grows it.
   */
  constructor(
    private readonly onFull: () => void,
    private readonly capacity = 64 * 1024,
  ) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }

  get isEmpty(): boolean {
    return this.used === 0;
  }

  add(line: string): void {
    const room = line.length * MAX_UTF8_PER_UNIT + 1;
    if (this.used + room > this.bytes.length) {
      this.onFull();
      if (this.used + room > this.bytes.length) {
        this.bytes = Buffer.concat([this.view(), Buffer.alloc(room)]);
      }
    }
    this.used += this.bytes.write(line, this.used, 'utf8');
    this.bytes[this.used++] = LF;
  }

  /**
   * The lines so far, and the batch starts empty. The view shares memory with the next
   * lines: write it before adding more, or `copy` it for a stream that may hold it.
   */
  take(copy = false): Buffer {
    const view = this.view();
    this.used = 0;
    if (this.bytes.length > this.capacity) this.bytes = Buffer.allocUnsafe(this.capacity);
    return copy ? Buffer.from(view) : view;
  }

  private view(): Buffer {
    return this.bytes.subarray(0, this.used);
  }
}
