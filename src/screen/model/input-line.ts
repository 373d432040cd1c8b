/**
 * The input line as a value: text, cursor, history and Tab-completion cycling. Pure, so
 * every key's effect is tested without a terminal.
 */
export class InputLine {
  text = '';
  cursor = 0;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft = '';
  private cycle: { start: number; matches: string[]; index: number } | undefined;

  constructor(private readonly historyLimit = 200) {}

  insert(chars: string): void {
    this.edit(
      this.text.slice(0, this.cursor) + chars + this.text.slice(this.cursor),
      this.cursor + chars.length,
    );
  }

  backspace(): void {
    if (this.cursor === 0) return;
    const before = [...this.text.slice(0, this.cursor)];
    before.pop();
    const head = before.join('');
    this.edit(head + this.text.slice(this.cursor), head.length);
  }

  deleteForward(): void {
    const after = [...this.text.slice(this.cursor)];
    after.shift();
    this.edit(this.text.slice(0, this.cursor) + after.join(''), this.cursor);
  }

  left(): void {
    this.move([...this.text.slice(0, this.cursor)].slice(0, -1).join('').length);
  }

  right(): void {
    const next = [...this.text.slice(this.cursor)][0];
    this.move(this.cursor + (next?.length ?? 0));
  }

  home(): void {
    this.move(0);
  }

  end(): void {
    this.move(this.text.length);
  }

  /** Ctrl-U: everything before the cursor. */
  killBefore(): void {
    this.edit(this.text.slice(this.cursor), 0);
  }

  /** Ctrl-W: the word before the cursor. */
  killWord(): void {
    const head = this.text.slice(0, this.cursor).replace(/\S+\s*$/, '');
    this.edit(head + this.text.slice(this.cursor), head.length);
  }

  /** Ctrl-K: everything from the cursor to the end. */
  killToEnd(): void {
    this.edit(this.text.slice(0, this.cursor), this.cursor);
  }

  /** Alt-Backspace: back to the start of the word before the cursor (letters and digits). */
  killWordPart(): void {
    const head = this.text.slice(0, this.cursor).replace(/[\p{L}\p{N}_]*[^\p{L}\p{N}_]*$/u, '');
    const cut = head.length === this.cursor ? Math.max(0, this.cursor - 1) : head.length;
    this.edit(this.text.slice(0, cut) + this.text.slice(this.cursor), cut);
  }

  /** Alt-B, Ctrl-Left: to the start of this or the previous word. */
  wordLeft(): void {
    this.move(
      this.text.slice(0, this.cursor).replace(/[\p{L}\p{N}_]*[^\p{L}\p{N}_]*$/u, '').length,
    );
  }

  /** Alt-F, Ctrl-Right: past the end of this or the next word. */
  wordRight(): void {
    const rest = this.text.slice(this.cursor);
    const skip = /^[^\p{L}\p{N}_]*[\p{L}\p{N}_]*/u.exec(rest)?.[0].length ?? 0;
    this.move(this.cursor + skip);
  }

  /**
   * Ctrl-R: the newest line of the input history before `before` (an index; Infinity to
   * start at the newest) that contains `query`, and its index; undefined if none.
   */
  findInHistory(query: string, before = Infinity): { index: number; text: string } | undefined {
    const needle = query.toLowerCase();
    for (let index = Math.min(before, this.history.length) - 1; index >= 0; index--) {
      const text = this.history[index] ?? '';
      if (text.toLowerCase().includes(needle)) return { index, text };
    }
    return undefined;
  }

  /** Replaces the line (a command started for the user), the cursor at its end. */
  set(text: string): void {
    this.edit(text, text.length);
  }

  /** Enter: the text, remembered in history; the line empties. */
  submit(): string {
    const text = this.text;
    if (text.trim() !== '' && this.history[this.history.length - 1] !== text) {
      this.history.push(text);
      if (this.history.length > this.historyLimit) this.history.shift();
    }
    this.historyIndex = this.history.length;
    this.draft = '';
    this.edit('', 0);
    return text;
  }

  historyUp(): void {
    if (this.historyIndex === 0) return;
    if (this.historyIndex === this.history.length) this.draft = this.text;
    this.historyIndex -= 1;
    this.edit(this.history[this.historyIndex] ?? '', Infinity);
  }

  historyDown(): void {
    if (this.historyIndex >= this.history.length) return;
    this.historyIndex += 1;
    this.edit(this.history[this.historyIndex] ?? this.draft, Infinity);
  }

  /**
   * Tab: completes the word before the cursor from `candidates(word, isFirstWord, before)`
   * (`before`: the line up to the word); a second Tab cycles through the matches,
   * irssi-style. Returns the matches.
   */
  complete(candidates: (word: string, isFirstWord: boolean, before: string) => string[]): string[] {
    if (this.cycle && this.cycle.matches.length > 1) {
      this.cycle.index = (this.cycle.index + 1) % this.cycle.matches.length;
      this.replaceWord(this.cycle.start, this.cycle.matches[this.cycle.index] ?? '');
      return this.cycle.matches;
    }
    const start = this.text.slice(0, this.cursor).search(/\S*$/);
    const word = this.text.slice(start, this.cursor);
    const before = this.text.slice(0, start);
    const matches = candidates(word, before.trim() === '', before);
    if (matches.length === 0) return matches;
    this.replaceWord(start, matches[0] ?? '');
    this.cycle = { start, matches, index: 0 };
    return matches;
  }

  private replaceWord(start: number, word: string): void {
    const rest = this.text.slice(this.cursor).replace(/^\S*/, '');
    // A folder's path goes on (`~/Documents/`): no space after it.
    const spaced = rest.startsWith(' ') || word.endsWith('/') ? word : `${word} `;
    const cycle = this.cycle;
    this.edit(this.text.slice(0, start) + spaced + rest, start + spaced.length);
    this.cycle = cycle;
  }

  private edit(text: string, cursor: number): void {
    this.text = text;
    this.cycle = undefined;
    this.move(cursor);
  }

  private move(cursor: number): void {
    this.cursor = Math.max(0, Math.min(cursor, this.text.length));
    this.cycle = undefined;
  }
}
