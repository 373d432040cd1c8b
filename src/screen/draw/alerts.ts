import { sanitize } from '../../app/sanitize';

/** Where the terminal's escape sequences go (blessed's program, with its output buffer). */
export interface TerminalWriter {
  _write(text: string): void;
}

/**
 * The bell and desktop notifications: one bell for everything that called for one since
 * the last render (a burst rings once), and a notification through the terminal (OSC 777
 * and OSC 9) for a message to a view not on screen. Peer text in it is sanitised.
 */
export class Alerts {
  private rung = 0;

  constructor(
    private readonly terminal: TerminalWriter,
    private readonly settings: { bell: boolean; notify: boolean },
  ) {}

  /** `alerts` is the model's count so far; `notice` the latest for a view not on screen. */
  after(alerts: number, notice: { title: string; text: string } | null): void {
    if (alerts === this.rung) return;
    this.rung = alerts;
    if (this.settings.bell) this.terminal._write('\x07');
    if (!this.settings.notify || notice === null) return;
    // `;` would end an OSC 777 field; a notification is a line, not a page.
    const clean = (text: string): string => sanitize(text).replace(/;/g, ',').slice(0, 200);
    const [title, body] = [clean(notice.title), clean(notice.text)];
    this.terminal._write(`\x1b]777;notify;${title};${body}\x07\x1b]9;${title}: ${body}\x07`);
  }
}
