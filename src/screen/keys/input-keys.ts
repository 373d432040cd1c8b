import type { InputLine } from '../model/input-line';

/** Ctrl-R's state: what is typed, the line it found and where, the line before the search. */
export interface HistorySearch {
  query: string;
  match: string | null;
  index: number;
  draft: string;
}

/** A printable character: something to insert, not a control. */
export const isPrintable = (ch: string | undefined): ch is string =>
  ch !== undefined && ch.length > 0 && !/^[\u0000-\u001f\u007f]$/.test(ch);

/**
 * Line editing as readline, irssi and WeeChat do it: the cursor by character and word,
 * kills to either end or by word, input history, and Ctrl-R's reverse search.
 */
export class InputKeys {
  search: HistorySearch | null = null;

  constructor(private readonly input: InputLine) {}

  /** An editing key: true when it was one (Enter, Tab and Escape are the caller's). */
  edit(name: string, ch: string | undefined): boolean {
    if (this.search) return this.searchKey(name, ch);
    const input = this.input;
    const edits: Record<string, () => void> = {
      backspace: () => input.backspace(),
      delete: () => input.deleteForward(),
      'C-d': () => input.deleteForward(),
      left: () => input.left(),
      'C-b': () => input.left(),
      right: () => input.right(),
      'C-f': () => input.right(),
      home: () => input.home(),
      'C-a': () => input.home(),
      end: () => input.end(),
      'C-e': () => input.end(),
      'C-u': () => input.killBefore(),
      'C-k': () => input.killToEnd(),
      'C-w': () => input.killWord(),
      'M-backspace': () => input.killWordPart(),
      'M-b': () => input.wordLeft(),
      'C-left': () => input.wordLeft(),
      'M-left': () => input.wordLeft(),
      'M-f': () => input.wordRight(),
      'C-right': () => input.wordRight(),
      'M-right': () => input.wordRight(),
      up: () => input.historyUp(),
      down: () => input.historyDown(),
      'C-r': () => this.startSearch(),
    };
    const edit = edits[name];
    if (edit) {
      edit();
      return true;
    }
    if (isPrintable(ch) && !name.startsWith('M-') && !name.startsWith('C-')) {
      input.insert(ch);
      return true;
    }
    return false;
  }

  private startSearch(): void {
    this.search = { query: '', match: null, index: Infinity, draft: this.input.text };
  }

  /**
   * In a search: typing narrows it, Ctrl-R finds the next older line, Backspace widens it,
   * Escape or Ctrl-G puts the line back; any other key takes the match into the line and
   * is then handled as usual (Enter sends it).
   */
  private searchKey(name: string, ch: string | undefined): boolean {
    const search = this.search as HistorySearch;
    if (name === 'C-r') {
      this.find(search.query, search.index);
      return true;
    }
    if (name === 'backspace') {
      this.find([...search.query].slice(0, -1).join(''), Infinity);
      return true;
    }
    if (name === 'escape' || name === 'C-g') {
      this.input.set(search.draft);
      this.search = null;
      return true;
    }
    if (isPrintable(ch) && !name.startsWith('M-') && !name.startsWith('C-')) {
      this.find(search.query + ch, Infinity);
      return true;
    }
    this.input.set(search.match ?? search.draft);
    this.search = null;
    return this.edit(name, ch);
  }

  private find(query: string, before: number): void {
    const search = this.search as HistorySearch;
    const found = query === '' ? undefined : this.input.findInHistory(query, before);
    search.query = query;
    if (found) {
      search.match = found.text;
      search.index = found.index;
    } else if (before === Infinity) {
      search.match = null;
      search.index = Infinity;
    }
  }
}
