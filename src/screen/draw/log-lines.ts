import { describeError, UNVERIFIED_MARK } from '../../app/lines';
import type { ChatModel, DeliveryState, LogEntry } from '../model/state';
import { formatTime } from '../../app/time';
import { escapeTags, forScreen, strWidth } from './screen-text';

/**
 * Peer colours that exist with 8 colours and read on a dark and a light background (the
 * light ones become their plain colour on an 8-colour terminal). Never black, white or
 * gray: those vanish on one background or reduce to black.
 */
const PALETTE = [
  'cyan',
  'green',
  'magenta',
  'blue',
  'light-cyan',
  'light-green',
  'light-magenta',
  'light-blue',
];

/** The same peer always gets the same colour. */
export function peerColour(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? 'cyan';
}

// ASCII only: glyphs such as a check mark or an arrow have ambiguous widths in terminals.
const DELIVERY_MARK: Record<string, string> = {
  sending: '(sending)',
  queued: '{yellow-fg}(queued: peer unreachable, retrying){/yellow-fg}',
  sent: '{green-fg}(sent){/green-fg}',
};

/** What holds a message back, said in its own words where the reason is known. */
const HELD_MARK: Record<string, (to: string) => string> = {
  E_KEY_CHANGED: (to) => `(held: its key changed; /trust ${to} to send)`,
};

/** A room line's copies: `(sent to 2 of 3, 1 queued)`, green once every member has it. */
function copiesMark(copies: Map<string, DeliveryState>): string {
  const states = [...copies.values()];
  // Said with nobody there yet: it waits in our log for whoever comes.
  if (states.length === 0) return '{yellow-fg}(kept){/yellow-fg}';
  const sent = states.filter((state) => state === 'sent').length;
  const queued = states.filter((state) => state === 'queued').length;
  const failed = states.filter((state) => state === 'failed').length;
  const rest = [queued > 0 ? `${queued} queued` : '', failed > 0 ? `${failed} failed` : '']
    .filter((part) => part !== '')
    .join(', ');
  const text = `(sent to ${sent} of ${states.length}${rest === '' ? '' : `, ${rest}`})`;
  if (sent === states.length) return `{green-fg}${text}{/green-fg}`;
  return failed > 0
    ? `{red-fg}${text}{/red-fg}`
    : queued > 0
      ? `{yellow-fg}${text}{/yellow-fg}`
      : text;
}

function deliveryMark(entry: Extract<LogEntry, { kind: 'own' }>): string {
  if (entry.copies) return copiesMark(entry.copies);
  const held = entry.error === undefined ? undefined : HELD_MARK[entry.error];
  if (entry.state === 'queued' && held)
    return `{yellow-fg}${escapeTags(held(entry.to))}{/yellow-fg}`;
  return (
    DELIVERY_MARK[entry.state] ??
    `{red-fg}(failed: ${escapeTags(describeError(entry.error))}){/red-fg}`
  );
}

/** A room's earlier message (its backlog), marked as a line of history is. */
const EARLIER_MARK = '{blue-fg}<{/blue-fg} ';

/** An entry's text without its timestamp, tagged for blessed; `here`, the view's peer or room. */
function body(entry: LogEntry, here: string | null): string {
  switch (entry.kind) {
    case 'chat': {
      const colour = peerColour(entry.from);
      // A room's own view needs no room name on each line.
      const room =
        entry.room === undefined || entry.room === here ? '' : `${forScreen(entry.room)} `;
      const who = forScreen(
        entry.action
          ? `* ${entry.from} ${entry.name}`
          : entry.name === ''
            ? entry.from
            : `${entry.from} ${entry.name}`,
      );
      const flag = entry.headerMatchesSource ? '' : '{red-fg}!{/red-fg}';
      const unverified = entry.verified === false ? `{red-fg}${UNVERIFIED_MARK}{/red-fg} ` : '';
      const text = forScreen(entry.text);
      // A highlight stands out the same way in every view that shows it.
      const said = entry.highlight ? `{black-fg}{yellow-bg}${text}{/yellow-bg}{/black-fg}` : text;
      const earlier = entry.earlier === true ? EARLIER_MARK : '';
      return `${earlier}${unverified}${room}{bold}{${colour}-fg}${who}{/${colour}-fg}{/bold}${flag} ${said}`;
    }
    case 'own':
      if (entry.earlier === true)
        return `${EARLIER_MARK}{bold}me -> ${forScreen(entry.to)}{/bold} ${forScreen(entry.text)}`;
      return `{bold}me -> ${forScreen(entry.to)}{/bold} ${forScreen(entry.text)} ${deliveryMark(entry)}`;
    case 'past':
      return `{blue-fg}<{/blue-fg} ${forScreen(entry.text)}`;
    case 'system': {
      const text = forScreen(entry.text);
      if (entry.level === 'info') return `{cyan-fg}-!-{/cyan-fg} ${text}`;
      const colour = entry.level === 'error' ? 'red' : 'yellow';
      return `{${colour}-fg}-!- ${text}{/${colour}-fg}`;
    }
  }
}

/** One log entry as one tagged line: its time (in `format`; '' for none), then its text. */
export function logLine(entry: LogEntry, format = '%H:%M:%S', here: string | null = null): string {
  const time = formatTime(entry.at, format);
  return time === '' ? body(entry, here) : `${escapeTags(time)} ${body(entry, here)}`;
}

const TAG = /^\{(\/?)([a-z-]*)\}/;

/** A tag's effect on the open ones: `{/}` closes all, `{/x}` the last `x`. */
function closeOrOpen(open: string[], closing: boolean, name: string): void {
  if (!closing) open.push(name);
  else if (name === '') open.length = 0;
  else if (open.lastIndexOf(name) >= 0) open.splice(open.lastIndexOf(name), 1);
}

/**
 * The columns blessed reserves for one code point when it lays out a line: its UTF-16
 * length, and one more for a wide character. That is the terminal's width, or more for a
 * character outside the BMP or a combining mark: a row measured so never overflows.
 */
function blessedWidth(char: string): number {
  return char.length + (strWidth(char) === 2 ? 1 : 0);
}

/** blessedWidth of a tagged text: tags take none, an escaped brace one. */
function visibleWidth(tagged: string): number {
  let width = 0;
  for (const char of tagged.replace(/\{(open|close)\}/g, '.').replace(/\{\/?[a-z-]*\}/g, ''))
    width += blessedWidth(char);
  return width;
}

/**
 * A tagged line cut into rows of at most `width` columns, at spaces where it can: rows
 * after the first start `indent` columns in, under the text rather than the time. Every
 * row closes the tags it opened and reopens them on the next, so any row stands alone.
 */
export function wrapTagged(line: string, width: number, indent: number): string[] {
  const hang = Math.min(indent, Math.max(0, width - 10));
  const rows: string[] = [];
  const open: string[] = [];
  let row = '';
  let used = 0;
  let breakAt = -1;
  let openAtBreak: string[] = [];
  const newRow = (): void => {
    rows.push(row + (open.length > 0 ? '{/}' : ''));
    row = ' '.repeat(hang) + open.map((tag) => `{${tag}}`).join('');
    used = hang;
    breakAt = -1;
  };
  for (let i = 0; i < line.length;) {
    const tag = line[i] === '{' ? TAG.exec(line.slice(i, i + 24)) : null;
    if (tag && tag[2] !== 'open' && tag[2] !== 'close') {
      closeOrOpen(open, tag[1] === '/', tag[2] ?? '');
      row += tag[0];
      i += tag[0].length;
      continue;
    }
    const piece = tag ? tag[0] : String.fromCodePoint(line.codePointAt(i) ?? 0);
    const cells = tag ? 1 : blessedWidth(piece);
    if (used + cells > width && used > hang) {
      if (breakAt > 0) {
        const rest = row.slice(breakAt + 1);
        const reopened = openAtBreak;
        row = row.slice(0, breakAt);
        const saved = open.splice(0, open.length, ...reopened);
        newRow();
        open.splice(0, open.length, ...saved);
        row += rest;
        used += visibleWidth(rest);
      } else newRow();
    }
    if (piece === ' ') {
      breakAt = row.length;
      openAtBreak = [...open];
    }
    row += piece;
    used += cells;
    i += piece.length;
  }
  rows.push(row);
  return rows;
}

/**
 * The rows the log shows: the view on screen's entries that end `scrollOffset` from its
 * end, each wrapped to `width` with a hanging indent, the last `height` of them.
 */
export function visibleLog(
  model: ChatModel,
  height: number,
  width = 1000,
  format = '%H:%M:%S',
): string[] {
  const { log, peer } = model.conversations.current;
  const end = log.length - model.scrollOffset;
  const mark = model.unseenBelow > 0 ? 1 : 0;
  const room = Math.max(1, height - mark);
  const indent = strWidth(formatTime(Date.now(), format)) + (format === '' ? 0 : 1);
  const rows: string[] = [];
  for (let i = end - 1; i >= 0 && rows.length < room; i--) {
    const entry = log[i];
    if (entry)
      rows.unshift(...wrapTagged(logLine(entry, format, peer), width, indent).slice(-room));
  }
  const shown = rows.slice(-room);
  if (mark > 0)
    shown.push(
      `{black-fg}{yellow-bg} ${model.unseenBelow} new below: End to follow {/yellow-bg}{/black-fg}`,
    );
  return shown;
}
