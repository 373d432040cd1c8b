import { fail, ok, type Result } from './errors';
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

  push(chunk: Buffer): Result<string[]> {
    const lines: string[] = [];
    let start = 0;
    let newline = chunk.indexOf(LF, start);
    while (newline !== -1) {
      if (this.tailBytes + newline - start > this.maxBytes) return this.tooLarge();
      lines.push(decodeLine(this.joinTail(chunk.subarray(start, newline))));
      start = newline + 1;
      newline = chunk.indexOf(LF, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (this.tailBytes + rest.length > this.maxBytes) return this.tooLarge();
      // Copy: the socket may reuse the chunk's memory.
      this.tail.push(Buffer.from(rest));
      this.tailBytes += rest.length;
    }
    return ok(lines);
  }

  /** The unterminated text so far, or null; the decoder starts afresh. */
  takeTail(): string | null {
    if (this.tailBytes === 0) return null;
    return decodeLine(this.joinTail(Buffer.alloc(0)));
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
