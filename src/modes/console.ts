import { FlushScheduler } from '../util/flush-scheduler';
import type { Writable } from 'node:stream';

/**
 * Writes lines to a stream that may be showing a prompt: lines arriving while the user is
 * at a prompt go on their own lines and the prompt is shown again below them. Lines leave
 * together (one write per turn of the event loop, or per few milliseconds when busy),
 * after `beforeWrite` (history is on disk first).
 */
export class PromptConsole {
  private prompt: string | null = null;
  private pending: string[] = [];
  private readonly scheduler = new FlushScheduler(() => this.flush());

  constructor(
    private readonly output: Writable,
    private readonly beforeWrite: () => void = () => {},
  ) {}

  print(line: string): void {
    this.pending.push(line);
    this.scheduler.schedule();
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
