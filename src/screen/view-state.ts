import { DEFAULT_TIMESTAMP_FORMAT } from '../app/time';
import type { HistorySearch } from './keys/input-keys';
import { InputLine } from './model/input-line';

export type Focus = 'input' | 'log' | 'peers';

/** What the view needs beyond the model: the input line and the screen's own state. */
export interface ViewState {
  input: InputLine;
  focus: Focus;
  helpOpen: boolean;
  /** A question shown over the input (a paste confirmation, the start-up prompts). */
  prompt: string | null;
  own: { name: string; addresses: string[] };
  /** Ring the terminal bell on a highlight or a message to a view not on screen. */
  bell: boolean;
  /** Also send a desktop notification through the terminal (OSC 777 and OSC 9). */
  notify: boolean;
  /** Tab's candidates when there are several, shown over the input until the next key. */
  completions: string[] | null;
  /** Ctrl-R's search through the input history, while it runs. */
  search: HistorySearch | null;
  /** The peer panel and traffic beside the log (F2 hides them). */
  panels: boolean;
  /** The mouse captured for clicks (Alt-M leaves it to the terminal for selecting text). */
  mouse: boolean;
  /** The log's timestamps (`timestamp-format`, strftime-like; '' for none). */
  timestampFormat: string;
  /** Colours drawn (NO_COLOR, `color = false`, `--no-color`: attributes only). */
  color: boolean;
}

/** The screen as it opens: focus in the input, no help, no question. */
export function newViewState(): ViewState {
  return {
    input: new InputLine(),
    focus: 'input',
    helpOpen: false,
    prompt: null,
    own: { name: '', addresses: [] },
    bell: true,
    notify: false,
    completions: null,
    search: null,
    panels: true,
    mouse: true,
    timestampFormat: DEFAULT_TIMESTAMP_FORMAT,
    color: true,
  };
}
