import type { Writable } from 'node:stream';

/**
 * Writes lines to a stream that may be showing a prompt: lines arriving while the user is
 * at a prompt go on their own lines and the prompt is shown again below them. Lines
 * printed in one turn of the event loop leave in one write (a flood makes one write per
 * socket read, not one per message), after `beforeWrite` (history is on disk first).
 */
export class PromptConsole {
  private prompt: string | null = null;
  private pending: string[] = [];

  constructor(
    private readonly output: Writable,
    private readonly beforeWrite: () => void = () => {},
  ) {}

  print(line: string): void {
    if (this.pending.length === 0) setImmediate(() => this.flush());
    this.pending.push(line);
  }

  ask(prompt: string): void {
    this.flush();
    this.prompt = prompt;
    this.output.write(prompt);
  }

  answered(): void {
    this.prompt = null;
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.beforeWrite();
    this.output.write(this.prompt === null ? text : `\n${text}${this.prompt}`);
  }
}
