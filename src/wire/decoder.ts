import { fail, ok, type ProtocolError, type Result } from './errors';
import { LIMITS } from './limits';

const LF = 0x0a;
const CR = 0x0d;

function decodeLine(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
  // Invalid UTF-8 becomes U+FFFD; splitting on LF never cuts a multi-byte character.
  return bytes.toString('utf8', 0, end);
}

/**
 * Per-connection framing: bytes in, complete lines out. Never sees a socket.
 * Lines end at LF (a CR before it is dropped). What follows the last LF waits as the
 * tail until more bytes, the end of the connection or an idle gap ends it (`takeTail`).
 */
export class LineDecoder {
  private tail: Buffer[] = [];
  private tailBytes = 0;

  constructor(private readonly maxBytes: number = LIMITS.maxFrameBytes) {}

  get hasTail(): boolean {
    return this.tailBytes > 0;
  }

  /**
   * `push`, each complete line handed to `onLine` in order until it returns `false` (its
   * owner is done with the socket); a frame too large goes to `onTooLarge` instead. The
   * loop every socket owner would otherwise write again.
   */
  feed(
    chunk: Buffer,
    onLine: (line: string) => boolean | void,
    onTooLarge: (error: ProtocolError) => void,
  ): void {
    const lines = this.push(chunk);
    if (!lines.ok) return onTooLarge(lines.error);
    for (const line of lines.value) if (onLine(line) === false) return;
  }

  push(chunk: Buffer): Result<string[]> {
    const first = chunk.indexOf(LF);
    if (first === -1) return this.keep(chunk) ? ok([]) : this.tooLarge();
    if (this.tailBytes + first > this.maxBytes) return this.tooLarge();
    let lines = [decodeLine(this.joinTail(chunk.subarray(0, first)))];
    const last = chunk.lastIndexOf(LF);
    if (last > first) {
      if (!this.linesFit(chunk, first, last)) return this.tooLarge();
      // One decode for all the whole lines in between: LF never falls inside a character.
      const middle = chunk.toString('utf8', first + 1, last).split('\n');
      // Most streams have no CR at all: then the lines are taken as they are, in one concat.
      if (chunk.indexOf(CR, first) !== -1)
        for (let i = 0; i < middle.length; i += 1) {
          const line = middle[i] ?? '';
          if (line.endsWith('\r')) middle[i] = line.slice(0, -1);
        }
      lines = lines.concat(middle);
    }
    return this.keep(chunk.subarray(last + 1)) ? ok(lines) : this.tooLarge();
  }

  /** The unterminated text so far, or null; the decoder starts afresh. */
  takeTail(): string | null {
    if (this.tailBytes === 0) return null;
    return decodeLine(this.joinTail(Buffer.alloc(0)));
  }

  /** Every line between the first and last LF is within the cap. */
  private linesFit(chunk: Buffer, first: number, last: number): boolean {
    if (last - first - 1 <= this.maxBytes) return true; // a socket's chunk is rarely larger
    for (let start = first + 1, end = chunk.indexOf(LF, start); end !== -1 && end <= last;) {
      if (end - start > this.maxBytes) return false;
      start = end + 1;
      end = chunk.indexOf(LF, start);
    }
    return true;
  }

  /** Holds bytes after the last LF; false when that passes the cap. */
  private keep(rest: Buffer): boolean {
    if (rest.length === 0) return true;
    if (this.tailBytes + rest.length > this.maxBytes) return false;
    // Copy: the socket may reuse the chunk's memory.
    this.tail.push(Buffer.from(rest));
    this.tailBytes += rest.length;
    return true;
  }

  private joinTail(last: Buffer): Buffer {
    if (this.tailBytes === 0) return last;
    const joined = Buffer.concat([...this.tail, last]);
    this.tail = [];
    this.tailBytes = 0;
    return joined;
  }

  private tooLarge(): Result<string[]> {
    this.tail = [];
    this.tailBytes = 0;
    return fail('E_FRAME_TOO_LARGE', `a line or unterminated message over ${this.maxBytes} bytes`);
  }
}
