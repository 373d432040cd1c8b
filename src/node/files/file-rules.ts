import { LIMITS } from '../../wire/limits';
import type { FilesOptions, JournalledTransfer } from './file-transport';
import type { Transfer } from './transfer';

/** States after which a transfer only waits to be forgotten (the oldest first, past the cap). */
export const ENDED = new Set(['done', 'failed', 'declined', 'cancelled']);

/** Whether a member or peer has as many offers waiting for an answer as it may. */
export function pastOfferCap(transfers: Iterable<Transfer>, from: string): boolean {
  let waiting = 0;
  for (const t of transfers) if (t.from === from && t.state === 'offered') waiting += 1;
  return waiting >= LIMITS.maxOffersPerPeer;
}

/** Why an offer cannot be taken now: its size, the total kept, the disk; null if it can. */
export async function whyNot(
  transfer: Transfer,
  transfers: Iterable<Transfer>,
  options: FilesOptions,
): Promise<string | null> {
  const max = options.fileMax ?? LIMITS.defaultFileMaxBytes;
  if (transfer.size > max) return `${transfer.size} bytes is over file-max (${max})`;
  const total = options.filesTotal ?? LIMITS.defaultFilesTotalBytes;
  let kept = 0;
  for (const t of transfers)
    if (t.direction === 'in' && ['waiting', 'receiving', 'done'].includes(t.state)) kept += t.size;
  if (kept + transfer.size > total) return `files kept would pass files-total (${total} bytes)`;
  // A room's file keeps its blocks (to serve the room) beside the file saved; a member's
  // has them there until it is saved.
  const needed =
    transfer.room === null && !transfer.peer?.startsWith('@') ? transfer.size : transfer.size * 2;
  const free = await options.downloads.free().catch(() => Infinity);
  if (free < needed) return `${needed} bytes needed, ${free} free on disk`;
  return null;
}

/** What the journal keeps of a transfer: one accepted, received, or ours served; else null. */
export function journalled(t: Transfer): JournalledTransfer | null {
  if (!t.offer) return null;
  const state =
    t.direction === 'out'
      ? t.state === 'serving'
        ? 'serving'
        : null
      : t.state === 'waiting' || t.state === 'receiving'
        ? 'receiving'
        : t.state === 'done'
          ? 'done'
          : null;
  if (state === null) return null;
  const { direction, room, offer, from, download, path, source } = t;
  return {
    ...{ direction, room, offer, state, from, download, path },
    ...(t.peer !== null && { peer: t.peer }),
    ...(source !== undefined && { source }),
  };
}
