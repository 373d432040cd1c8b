import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** A prompt that can be drawn again with what the user has typed so far. */
export interface LineEditor {
  setPrompt(prompt: string): void;
  /** Draws the prompt; `true` keeps (and draws) the text typed so far. */
  prompt(preserveCursor?: boolean): void;
}

/**
 * Lines from a stream, one `next()` at a time; null at end of input. Given a terminal
 * (`echo`), the line is edited by readline, which knows what is typed before Enter: a
 * message printed meanwhile redraws the prompt with it (`editor`).
 */
export class LineReader {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string | null) => void)[] = [];
  private ended = false;
  readonly editor: LineEditor | undefined;

  constructor(input: Readable, echo?: Writable) {
    const reader: Interface = createInterface({
      input,
      ...(echo ? { output: echo, terminal: true, prompt: '' } : { terminal: false }),
      crlfDelay: Infinity,
    });
    if (echo) {
      this.editor = reader;
      // readline takes Ctrl-C from the terminal: it still means what it means elsewhere.
      reader.on('SIGINT', () => process.emit('SIGINT'));
    }
    reader.on('line', (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
    reader.on('close', () => {
      this.ended = true;
      for (const waiter of this.waiting.splice(0)) waiter(null);
    });
  }

  next(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
