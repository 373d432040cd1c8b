import { LIMITS } from '../../wire/limits';
import type { Emit } from '../inbox';
import type { DownloadsPort } from './file-transport';
import type { FileWay } from './file-ways';
import { measure, viewOf, type FileErrorCode, type Transfer } from './transfer';

/** What the runs of transfers are given by FileTransfers. */
export interface RunsSide {
  transfers: Map<number, Transfer>;
  way(transfer: Transfer): FileWay | null;
  downloads(): DownloadsPort | undefined;
  emit: Emit;
  fail(transfer: Transfer, code: FileErrorCode, message: string): void;
  journal(): void;
  now(): number;
}

/**
 * Accepted files received, LIMITS.maxTransfers at a time: fetched by their way, their
 * progress said a few times a second, made final only when the bytes' hash is the
 * offer's; and what we upload, counted.
 */
export class FileRuns {
  constructor(private readonly side: RunsSide) {}

  startNext(): void {
    let running = 0;
    for (const t of this.side.transfers.values()) if (t.state === 'receiving') running += 1;
    const next = [...this.side.transfers.values()].find((t) => t.state === 'waiting');
    if (!next || running >= LIMITS.maxTransfers) return;
    this.receive(next);
    this.startNext();
  }

  private receive(transfer: Transfer): void {
    const way = this.side.way(transfer);
    const { offer, download } = transfer;
    if (!way || !offer || !download) return;
    transfer.state = 'receiving';
    const fetch = way.fetch(offer, download.partial, (state) => {
      transfer.peers = state.peers;
      transfer.received = state.received;
      this.progress(transfer, state.have);
    });
    transfer.stop = fetch.stop;
    fetch.done
      .then((hash) => this.verify(transfer, way, hash))
      .catch((error: Error & { code?: string }) => {
        if (transfer.state !== 'receiving') return;
        // The carrier's code when it is one of ours (the pieces, the sender's refusal).
        const code = error.code?.startsWith('E_FILE_') ? error.code : 'E_FILE_WRITE';
        this.side.fail(transfer, code as FileErrorCode, error.message);
      })
      .finally(() => this.startNext());
  }

  /** `hash`: the bytes' hash as they were written; the file shown only if it is the offer's. */
  private async verify(transfer: Transfer, way: FileWay, hash: string): Promise<void> {
    const { download, offer } = transfer;
    if (!download || !offer || transfer.state !== 'receiving') return;
    this.progress(transfer, offer.size, true);
    const downloads = this.side.downloads();
    if (!downloads) return;
    if (hash !== offer.hash) {
      // Every block was checked against what the sender signed or listed: it is the
      // sender's offer that named other bytes.
      await downloads.discard(download);
      await way.release(offer.core);
      return this.side.fail(
        transfer,
        'E_FILE_HASH',
        'its content is not what was offered: not saved',
      );
    }
    const saved = await downloads.complete(download);
    transfer.state = 'done';
    transfer.path = saved.path;
    // A file between two peer-tui is not served on: its pieces need not stay.
    if (transfer.peer !== null) await way.release(offer.core);
    this.side.journal();
    this.side.emit('file-done', viewOf(transfer));
  }

  /** A `file-progress` event, at most one a LIMITS.fileProgressMs per transfer. */
  progress(transfer: Transfer, bytes: number, last = false): void {
    const now = this.side.now();
    // Said never to go back (a torn piece asked again is not news to the person).
    if (transfer.direction === 'in') bytes = Math.max(bytes, transfer.bytes);
    measure(transfer, bytes, transfer.direction === 'in' ? transfer.received : bytes, now);
    if (!last && now - transfer.lastProgressAt < LIMITS.fileProgressMs) return;
    transfer.lastProgressAt = now;
    this.side.emit('file-progress', viewOf(transfer));
  }

  countUploads(): void {
    for (const transfer of this.side.transfers.values()) {
      if (transfer.state !== 'serving' && transfer.state !== 'done') continue;
      const uploads = transfer.offer ? this.side.way(transfer)?.uploads(transfer.offer.core) : null;
      if (!uploads) continue;
      transfer.peers = uploads.peers;
      if (transfer.direction !== 'out') continue;
      if (uploads.bytes !== transfer.bytes) this.progress(transfer, uploads.bytes, true);
      // Nothing sent lately: its speed falls to nothing, unsaid (`/files` shows it).
      else measure(transfer, uploads.bytes, uploads.bytes, this.side.now());
    }
  }
}
