import type { Delivery } from '../../node/events';
import type { PeerNode } from '../../node/node';
import type { Address } from '../../wire/address';
import type { History } from '../../store/history';

/**
 * What a command did, for a front end to show: the screen turns these into log lines and
 * panel changes, headless mode into lines or JSON objects. A command never prints.
 */
export type Outcome =
  /** Something to tell: text lines, or one JSON object of `event` with `data`. */
  | { type: 'say'; event: string; lines: string[]; data: object; system?: boolean }
  | { type: 'error'; message: string }
  /** A message of ours is on its way (the screen shows it at once, then its delivery). */
  | { type: 'sending'; to: Address; text: string; id: string; first: Promise<Delivery> }
  /** The same to a room: one copy per member, each with its id and its delivery. */
  | { type: 'room-sending'; room: string; text: string; ids: string[] }
  /** Results the node reports anyway as delivery events (headless prints those). */
  | { type: 'results'; deliveries: Delivery[] }
  | { type: 'help' }
  | { type: 'quit' }
  | { type: 'filter'; text: string }
  /** Views (the screen's): open a peer's and show it, close the one on screen, show N. */
  | { type: 'query'; to: Address }
  | { type: 'close' }
  | { type: 'buffer'; number: number }
  /** A room's view: open it and show it (the screen's), or close it after a part. */
  | { type: 'room'; room: string; open: boolean }
  /** `/clear`: the view on screen emptied. */
  | { type: 'clear' };

/** Changes a setting where it shows at once; false when it takes effect at the next start. */
export type ApplySetting = (key: string, value: unknown) => boolean;

/** `/set`, `/save`, `/nick`: the settings of config.toml, changed while running. */
export interface SettingsPort {
  /** Every setting with its value (`/set` alone), or one. */
  show(key?: string): string[];
  set(key: string, value: string): { ok: boolean; text: string };
  /** Writes the settings to config.toml. */
  save(): { ok: boolean; text: string };
}

/** What a command may use and change. */
export interface CommandContext {
  node: PeerNode;
  /** For /search; absent when no history is kept. */
  history?: History;
  /** Where plain text goes. */
  target: { to: Address | null };
  /** The room whose view is on screen (the screen's), where `/me` and `/names` act. */
  room?: string | null;
  /** Settings while running; absent where they cannot change (tests). */
  settings?: SettingsPort;
  /** Outcomes that come later (a connect's results, a discovery that found nothing). */
  later(outcomes: Outcome[]): void;
}

/** Data lines (the query's, the outbox's) are printed as they are. */
export const say = (event: string, lines: string[], data: object = {}): Outcome => ({
  type: 'say',
  event,
  lines,
  data,
});
/** What peer-tui itself says: the line modes print it after `-!-`. */
export const note = (event: string, text: string, data: object = {}): Outcome => ({
  type: 'say',
  event,
  lines: [text],
  data,
  system: true,
});
export const fail = (message: string): Outcome[] => [{ type: 'error', message }];
