import { LineBatch } from '../util/line-batch';
import type { Writable } from 'node:stream';
import type { LineEditor, LineReader } from './line-reader';

/**
 * Writes lines to a stream that may be showing a prompt: lines arriving while the user is
 * at a prompt go on their own lines and the prompt is shown again below them. Lines leave
 * together (one write per turn of the event loop, or per few milliseconds when busy),
 * after `beforeWrite` (history is on disk first).
 */
export class PromptConsole {
  private prompt: string | null = null;
  private readonly pending = new LineBatch((bytes) => this.write(bytes));

  constructor(
    private readonly output: Writable,
    private readonly beforeWrite: () => void = () => {},
    /** On a terminal: readline's prompt, drawn again with what is typed. */
    private readonly editor?: LineEditor,
  ) {}

  print(line: string): void {
    this.pending.add(line);
  }

  ask(prompt: string): void {
    this.flush();
    this.prompt = prompt;
    if (!this.editor) {
      this.output.write(prompt);
      return;
    }
    this.editor.setPrompt(prompt);
    this.editor.prompt(false);
  }

  answered(): void {
    this.prompt = null;
  }

  flush(): void {
    this.pending.flush();
  }

  private write(bytes: Buffer): void {
    this.beforeWrite();
    // On a terminal the prompt's line is wiped and drawn again below, with what was typed.
    if (this.prompt !== null) this.output.write(this.editor ? '\r\u001b[K' : '\n');
    // A copy: the stream may keep what a full pipe did not take yet.
    this.output.write(Buffer.from(bytes));
    if (this.prompt === null) return;
    if (this.editor) this.editor.prompt(true);
    else this.output.write(this.prompt);
  }
}

/** Shows `prompt` and waits for the answer line (null when input ends). */
export async function askLine(
  io: PromptConsole,
  input: LineReader,
  prompt: string,
): Promise<string | null> {
  io.ask(prompt);
  const answer = await input.next();
  io.answered();
  return answer;
}
