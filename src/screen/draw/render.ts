import { COMMAND_HELP } from '../../app/commands';
import { shownName } from '../../app/lines';
import { statusBar } from '../../app/file-lines';
import type { InputLine } from '../model/input-line';
import type { ChatModel } from '../model/state';
import { clock } from '../../app/time';
import type { Conversations } from '../model/conversations';
import type { PeerCounts, PeerWidths } from '../model/peer-list';
import type { PeerSnapshot } from '../../node/peers/peer-table';
import { fingerprint } from '../../wire/fingerprint';
import { cell, escapeTags, forScreen, strWidth } from './screen-text';

export { logLine, peerColour, visibleLog } from './log-lines';

interface Column {
  title: string;
  width: number;
  value(peer: PeerSnapshot, index: number): string;
}

/** A width between `least` and `most`, plus a gap. */
const fit = (wanted: number, least: number, most: number): number =>
  Math.min(most, Math.max(least, wanted)) + 1;

/**
 * Columns sized to the widest address and name known (kept by the model, not measured
 * over every peer); optional ones drop off the right when `width` is short.
 */
function columnsFor(widths: PeerWidths, width: number, rowCount: number): Column[] {
  const columns: Column[] = [
    { title: '#', width: fit(String(rowCount).length, 2, 6), value: (_, index) => String(index) },
    { title: 'IP:PORT', width: fit(widths.address, 7, 22), value: (p) => p.address.key },
    { title: 'name', width: fit(widths.name, 4, 12), value: (p) => shownName(p) },
    {
      title: 'state',
      width: 10,
      value: (p) => (p.state === 'listed' && p.connected ? 'connected' : p.state),
    },
    { title: 'key', width: 12, value: keyCell },
    { title: 'rooms', width: 10, value: (p) => p.rooms.join(' ') },
    { title: 'in/out', width: 8, value: (p) => `${p.messagesIn}/${p.messagesOut}` },
    { title: 'seen', width: 9, value: (p) => clock(p.lastSeen) },
  ];
  const total = (): number => columns.reduce((sum, c) => sum + c.width, 0) + 1;
  while (total() > width && columns.length > 3) columns.pop();
  return columns;
}

/**
 * A peer-tui peer's key, shortened: `3f2a 9c1b`, then `+` verified by you, `?` its last
 * message came in the clear; `changed!` while a new key waits for `/trust`.
 */
function keyCell(peer: PeerSnapshot): string {
  if (peer.offeredKey !== null) return 'changed!';
  if (peer.key === null) return '';
  const marks = `${peer.verifiedByYou ? '+' : ''}${peer.lastVerified === false ? '?' : ''}`;
  return `${fingerprint(peer.key).slice(0, 9)}${marks}`;
}

/**
 * The `!` mark: the header IP differs from the IP its connections came from, or the peer
 * presented a key other than its pinned one.
 */
function mismatch(peer: PeerSnapshot): string {
  return peer.headerMatchesSource === false || peer.offeredKey !== null
    ? '{red-fg}!{/red-fg}'
    : ' ';
}

/**
 * The header and the rows of one window of the peer panel: only the peers given (those
 * on screen) are formatted, numbered from `first` in the whole list; the selected row is
 * drawn inverse.
 */
export function peerTable(
  view: { rows: PeerSnapshot[]; first: number; total: number; selected: number },
  widths: PeerWidths,
  width: number,
): { header: string; rows: string[] } {
  const columns = columnsFor(widths, width, view.total);
  const header = columns.map((c) => c.title.padEnd(c.width)).join('');
  const rows = view.rows.map((peer, index) => {
    const cells = columns.map(
      (c) => `${cell(c.value(peer, view.first + index + 1), c.width - 1)} `,
    );
    const row = cells.join('');
    return mismatch(peer) + (index === view.selected ? `{inverse}${row}{/inverse}` : row);
  });
  return { header: ` ${header}`, rows };
}

/**
 * The panel's title: a count per state, and the filter with how many match it; cut to
 * `width` columns (a border title longer than its panel wraps into the rows).
 */
export function peerPanelTitle(
  counts: PeerCounts,
  filter: string,
  matching: number,
  width: number,
): string {
  // Counts of none are left out, but for listed: a narrow panel still shows its title whole.
  const states = [
    `${counts.listed} listed`,
    ...(counts.known > 0 ? [`${counts.known} known`] : []),
    ...(counts.left > 0 ? [`${counts.left} left`] : []),
  ].join(', ');
  const text =
    filter === '' ? `peers: ${states}` : `"${filter}" ${matching} match, Esc clears | ${states}`;
  return ` ${cell(text, Math.max(8, width - 6)).trimEnd()} `;
}

/**
 * The conversation list, over the log (its title): number, name, unread count, `!` for a
 * highlight, the view on screen in brackets; cut to `width` around the one on screen.
 */
export function viewList(conversations: Conversations, width: number): string {
  const items = conversations.views.map((view, index) => {
    const count = view.unread === 0 ? '' : `(${view.highlights > 0 ? '!' : ''}${view.unread})`;
    return `${index + 1}:${view.title}${count}`;
  });
  const current = conversations.currentNumber - 1;
  const shown = items.map((item, index) => (index === current ? `[${item}]` : item));
  // Keep the view on screen in sight: drop views from the left until it fits.
  let first = 0;
  const room = Math.max(8, width - 6);
  while (first < current && strWidth(shown.slice(first).join(' ')) > room) first += 1;
  const text = `${first > 0 ? '< ' : ''}${shown.slice(first).join(' ')}`;
  return ` ${cell(text, room).trimEnd()} `;
}

const ACTIVITY_SHOWN = 8;

/** irssi's `Act: 2,4`: views with unread messages, highlights first and marked `!`. */
export function activityText(conversations: Conversations): string {
  const active = conversations.activity();
  if (active.length === 0) return '';
  // A class that all writes at once must not push the rest of the line off the screen.
  const shown = active.slice(0, ACTIVITY_SHOWN).map((v) => `${v.number}${v.highlight ? '!' : ''}`);
  const more = active.length > ACTIVITY_SHOWN ? ` +${active.length - ACTIVITY_SHOWN}` : '';
  return `Act: ${shown.join(',')}${more}`;
}

export function statusLine(
  model: ChatModel,
  own: { name: string; addresses: string[] },
  width: number,
): string {
  const listed = model.peers.counts.listed;
  const [first, ...more] = own.addresses;
  const act = activityText(model.conversations);
  const files = statusBar([...model.receiving.values()]);
  const parts = [
    '? help',
    // Where something waits comes early: a narrow terminal cuts the end of the line.
    ...(act === '' ? [] : [act]),
    ...(files === '' ? [] : [files]),
    `[${model.conversations.currentNumber}]`,
    `${own.name} ${first ?? 'starting'}${more.length > 0 ? ` (+${more.join(' ')})` : ''}`,
    `peers ${listed}/${model.peers.size}`,
    model.sendsTo ? `to ${model.sendsTo.key}` : 'no target',
    `in ${model.messagesIn} out ${model.messagesOut}`,
  ];
  return cell(` ${parts.join(' | ')}`, width);
}

/** `> text` with the cursor drawn inverse, scrolled so the cursor stays in view. */
export function inputLine(input: InputLine, width: number): string {
  const cells = [...input.text].map((char) => forScreen(char));
  const cursorCell = [...input.text.slice(0, input.cursor)].length;
  const room = Math.max(1, width - 3);
  const start = Math.max(0, cursorCell - room + 1);
  const shown = cells.slice(start, start + room);
  const at = cursorCell - start;
  const under = shown[at] ?? ' ';
  shown[at] = `{inverse}${under}{/inverse}`;
  return `> ${shown.join('')}`;
}

/** Sparkline bars scale from their own least to most, so the titles carry the numbers. */
export function trafficTitles(series: number[][], bucketMs: number): string[] {
  const seconds = Math.round(bucketMs / 1000);
  return ['in', 'out'].map((name, index) => {
    const counts = series[index] ?? [];
    const total = counts.reduce((sum, n) => sum + n, 0);
    return `${name} (${total}, peak ${counts.reduce((a, b) => Math.max(a, b), 0)}/${seconds}s)`;
  });
}

export const KEY_HELP: readonly [string, string][] = [
  ['Enter', 'send (plain text goes to the target)'],
  ['Tab', 'complete; outside the input: next panel'],
  ['Up / Down', 'input history'],
  ['Escape', 'leave the input'],
  ['c', 'connect to every known peer (outside the input)'],
  ['q', 'quit (outside the input)'],
  ['? / F1', 'this help'],
  ['Up Down PgUp PgDn', 'in the peer panel: move the selection (Home, End too)'],
  ['Enter on a peer', 'make it the target'],
  ['/ in the peer panel', 'filter the peers (/filter TEXT); Escape there clears it'],
  ['PgUp PgDn Home End', 'scroll the log'],
  ['Ctrl-L', 'redraw'],
  ['Ctrl-C', 'quit from anywhere'],
];

export function helpText(): string {
  const rows = (pairs: readonly [string, string][]): string =>
    pairs
      .map(([key, what]) => {
        // A usage longer than its column gets a line of its own: never run into its help.
        const head = key.length < 24 ? key.padEnd(25) : `${key}\n${' '.repeat(25)}`;
        return ` {bold}${escapeTags(head)}{/bold}${escapeTags(what)}`;
      })
      .join('\n');
  return `{bold}Keys{/bold}\n${rows(KEY_HELP)}\n\n{bold}Commands{/bold}\n${rows(COMMAND_HELP)}\n\n Escape, q or ? closes this help.`;
}
