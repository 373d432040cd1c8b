import type { Writable } from 'node:stream';

/**
 * Writes lines to a stream that may be showing a prompt: a line arriving while the user
 * is at a prompt goes on its own line and the prompt is shown again below it.
 */
export class PromptConsole {
  private prompt: string | null = null;

  constructor(private readonly output: Writable) {}

  print(line: string): void {
    if (this.prompt === null) {
      this.output.write(`${line}\n`);
      return;
    }
    this.output.write(`\n${line}\n${this.prompt}`);
  }

  ask(prompt: string): void {
    this.prompt = prompt;
    this.output.write(prompt);
  }

  answered(): void {
    this.prompt = null;
  }
}
