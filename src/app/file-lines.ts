import type { TransferView } from '../node/files/transfer';
import { sanitize } from './sanitize';

/** Sizes as people read them: 812 B, 4.2 KiB, 63.9 MiB, 1.20 GiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** Time left, short: 40 s, 3 min, 2 h. */
export function formatEta(ms: number | null): string {
  if (ms === null) return '';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} s left`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min left`;
  return `${Math.round(seconds / 3600)} h left`;
}

/** The content's fingerprint, read aloud to compare: its hash's first 8 bytes, grouped. */
export function contentPrint(hash: string): string {
  return hash.slice(0, 16).replace(/(.{4})(?!$)/g, '$1 ');
}

/** Whole percent received, 100 only when every byte is. */
export function percent(view: Pick<TransferView, 'bytes' | 'size'>): number {
  if (view.size === 0) return 100;
  return Math.min(Math.floor((view.bytes * 100) / view.size), view.bytes >= view.size ? 100 : 99);
}

const named = (view: TransferView): string => sanitize(view.name);
/**
 * Where: its room, or the peer it goes between, by the address it has in the peer table
 * (IP:PORT, or `@` and 16 hex digits for a member known by its key).
 */
export const place = (view: TransferView): string =>
  view.room ?? (view.peer?.startsWith('@') ? view.peer.slice(0, 17) : (view.peer ?? ''));

/** Lines of the file events and `/files`: every peer string sanitised here. */
export const fileText = {
  offer: (view: TransferView): string => {
    const what = `${named(view)} (${formatBytes(view.size)}, content ${contentPrint(view.hash)})`;
    if (view.direction === 'out')
      return `offered ${what} to ${place(view)} as file ${view.id}; /cancel ${view.id} stops serving it`;
    const answer = `/accept ${view.id} or /decline ${view.id}`;
    const who = sanitize(view.fromName);
    if (view.room === null)
      return `${place(view)}${who === '' ? '' : ` (${who})`} offers you ${what}: ${answer}`;
    return `${view.room}: ${who || 'a member'} offers ${what}${view.backlog ? ', earlier' : ''}: ${answer}`;
  },
  progress: (view: TransferView): string =>
    `file ${view.id} ${named(view)}: ${transferState(view)}`,
  done: (view: TransferView): string =>
    `file ${view.id} saved: ${sanitize(view.path ?? '')} (${formatBytes(view.size)}, content ${contentPrint(view.hash)} checked)`,
  failed: (view: TransferView): string =>
    view.state === 'cancelled'
      ? `file ${view.id} ${named(view)} cancelled`
      : `file ${view.id} ${named(view)} failed (${view.error?.code ?? '?'}): ${sanitize(view.error?.message ?? '')}`,
};

/** Where a transfer is, in words: `45% of 63.9 MiB, 5.1 MiB/s, 9 s left, from 2`. */
export function transferState(view: TransferView): string {
  const rate = view.rate > 0 ? `, ${formatBytes(Math.round(view.rate))}/s` : '';
  const eta = view.etaMs === null ? '' : `, ${formatEta(view.etaMs)}`;
  switch (view.state) {
    case 'receiving':
      return `${percent(view)}% of ${formatBytes(view.size)}${rate}${eta}, ${view.peers} serving it`;
    case 'serving':
      return `serving ${formatBytes(view.size)}: ${formatBytes(view.bytes)} sent${rate}, to ${view.peers} now`;
    case 'offered':
      return `offered, ${formatBytes(view.size)}: /accept ${view.id} or /decline ${view.id}`;
    case 'waiting':
      return `accepted, ${formatBytes(view.size)}: waiting for a turn`;
    case 'preparing':
      return 'reading it in';
    case 'done':
      return `saved ${sanitize(view.path ?? '')}`;
    case 'failed':
      return `failed (${view.error?.code ?? '?'}): ${sanitize(view.error?.message ?? '')}`;
    default:
      return view.state;
  }
}

/** `/files`: one line per transfer, newest last. */
export function transferLines(views: TransferView[]): string[] {
  if (views.length === 0) return ['no files offered or received yet: /file #ROOM PATH offers one'];
  return views.map((view) => {
    const way = view.direction === 'in' ? '<-' : '->';
    const from =
      view.direction === 'in' && view.fromName !== '' ? ` from ${sanitize(view.fromName)}` : '';
    return `${view.id} ${way} ${place(view)} ${named(view)}${from}: ${transferState(view)}`;
  });
}

/** The status line's bar for the transfers moving now: `[file 3 ####---- 45%]`. */
export function statusBar(views: TransferView[], width = 10): string {
  const moving = views.filter((view) => view.state === 'receiving');
  const first = moving[0];
  if (!first) return '';
  const done = Math.round((percent(first) * width) / 100);
  const more = moving.length > 1 ? ` +${moving.length - 1}` : '';
  return `[file ${first.id} ${'#'.repeat(done)}${'-'.repeat(width - done)} ${percent(first)}%${more}]`;
}
