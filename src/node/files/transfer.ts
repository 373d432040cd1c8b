import type { FileOffer } from '../../wire/file-offer';
import type { Download } from './file-transport';

/**
 * Where a transfer is: an offer to us waits for `/accept`; accepted, it waits its turn or
 * is received; ours is read in (`preparing`), then `serving`. Ends: done, failed,
 * declined, cancelled.
 */
export type TransferState =
  | 'offered'
  | 'waiting'
  | 'receiving'
  | 'preparing'
  | 'serving'
  | 'done'
  | 'failed'
  | 'declined'
  | 'cancelled';

/** Stable codes of a failed transfer (docs/protocol.md). */
export type FileErrorCode =
  | 'E_FILE_TOO_LARGE'
  | 'E_FILES_TOTAL'
  | 'E_DISK_FULL'
  | 'E_FILE_HASH'
  | 'E_FILE_READ'
  | 'E_FILE_OFFER'
  | 'E_FILE_OFFERS'
  | 'E_FILE_WRITE'
  | 'E_FILE_HELD'
  | 'E_FILE_CANCELLED'
  | 'E_FILE_CHANGED'
  | 'E_FILE_GONE'
  | 'E_FILE_PIECES'
  | 'E_FILE_FRAME';

/** One transfer as events, `/files` and the status line show it. */
export interface TransferView {
  /** The number `/accept`, `/decline` and `/cancel` take. */
  id: number;
  direction: 'in' | 'out';
  /** The room it is offered in, or null between two peer-tui. */
  room: string | null;
  /** The peer (IP:PORT) it goes to or comes from, between two peer-tui; else null. */
  peer: string | null;
  /** As offered (the sender's word: sanitise before drawing). */
  name: string;
  size: number;
  /** BLAKE2b-256 of the content, hex: the fingerprint people compare. */
  hash: string;
  /** The sender's key (ours for `out`). */
  from: string;
  /** The sender's name, as it wrote it (sanitise before drawing). */
  fromName: string;
  state: TransferState;
  /** In: bytes received in order; out: bytes uploaded (to everyone). */
  bytes: number;
  /** In: bytes that came over the network this run (a resumed transfer's are fewer). */
  received: number;
  /** Bytes a second lately. */
  rate: number;
  /** Milliseconds left at that rate, when receiving. */
  etaMs: number | null;
  /** Members serving it to us (in), or fetching it from us (out). */
  peers: number;
  /** Where it was saved (done). */
  path?: string;
  error?: { code: FileErrorCode; message: string };
  /** Offered before we joined (from the room's backlog). */
  backlog?: boolean;
}

/** A transfer as the node keeps it. */
export interface Transfer extends TransferView {
  offer: FileOffer | null;
  download?: Download;
  /** Ours: the file it is read from (a peer fetches it from there). */
  source?: string;
  stop?: () => void;
  /** For the rate: bytes and time of the last sample. */
  sample: { at: number; bytes: number };
  lastProgressAt: number;
}

/** Rates smoothed over about two seconds of samples. */
const RATE_WEIGHT = 0.3;

/**
 * The transfer at `bytes`; `moved` (a running total of what crossed the network: a
 * resumed file's blocks read from disk are no speed) gives its rate and time left.
 */
export function measure(transfer: Transfer, bytes: number, moved: number, now: number): void {
  const elapsed = now - transfer.sample.at;
  if (elapsed >= 200) {
    const instant = ((moved - transfer.sample.bytes) * 1000) / elapsed;
    // Nothing moved since the last sample: stalled, or finished (no stale speed shown).
    transfer.rate =
      instant === 0 || transfer.rate === 0
        ? instant
        : transfer.rate * (1 - RATE_WEIGHT) + instant * RATE_WEIGHT;
    transfer.sample = { at: now, bytes: moved };
  }
  transfer.bytes = bytes;
  transfer.etaMs =
    transfer.direction === 'in' && transfer.rate > 0
      ? Math.round(((transfer.size - bytes) * 1000) / transfer.rate)
      : null;
}

/** What events and `/files` carry of a transfer: no handles, no offer twice. */
export function viewOf(transfer: Transfer): TransferView {
  const { id, direction, room, peer, name, size, hash, from, fromName, state } = transfer;
  const { bytes, received, rate, etaMs, peers, path, error, backlog } = transfer;
  return {
    ...{ id, direction, room, peer, name, size, hash, from, fromName, state },
    ...{ bytes, received, rate: Math.round(rate), etaMs, peers },
    ...(path !== undefined && { path }),
    ...(error !== undefined && { error }),
    ...(backlog !== undefined && { backlog }),
  };
}
