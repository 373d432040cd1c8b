import type { FileOffer } from '../../wire/file-offer';
import { LIMITS } from '../../wire/limits';
import type { Emit } from '../inbox';
import type { FilesOptions, JournalledTransfer, RoomFilesPort } from './file-transport';
import { measure, viewOf, type FileErrorCode, type Transfer, type TransferView } from './transfer';

export interface FileTransfersDeps {
  emit: Emit;
  /** The room carrier's files, once a room was joined. */
  files(): RoomFilesPort | undefined;
  /** Posts an offer to our log in `room`. */
  post(room: string, offer: FileOffer): Promise<void>;
  ownKey: string;
  ownName(): string;
  now?: () => number;
}

type Answer = { ok: true; text: string } | { ok: false; text: string };
const refused = (text: string): Answer => ({ ok: false, text });

/** Ends after which a transfer only waits to be forgotten (the oldest first, past the cap). */
const ENDED = new Set(['done', 'failed', 'declined', 'cancelled']);

/**
 * Files offered and received (issue 23), by the number people type: offers wait for
 * `/accept` (or come in unasked under `auto-accept`), nothing is written before; accepted
 * ones run a few at a time, resumed after a restart from the journal; ours are served
 * while we are in their room. Every change is an event (`file-offer`, `file-progress`,
 * `file-done`, `file-failed`).
 */
export class FileTransfers {
  private readonly transfers = new Map<number, Transfer>();
  private nextId = 1;
  /** Journalled transfers of rooms not joined yet this run. */
  private pending: JournalledTransfer[];
  /** Members told once that their offers are past the cap. */
  private readonly flooding = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly deps: FileTransfersDeps,
    private readonly options: FilesOptions | undefined,
  ) {
    this.now = deps.now ?? Date.now;
    this.pending = options?.journal?.load() ?? [];
    // What we upload is read off the carrier a few times a second.
    this.timer = setInterval(() => this.countUploads(), LIMITS.fileProgressMs);
    this.timer.unref();
  }

  list(): TransferView[] {
    return [...this.transfers.values()].map(viewOf);
  }

  /** Transfers moving now: for the status line. */
  active(): TransferView[] {
    return this.list().filter((t) => t.state === 'receiving' || t.state === 'preparing');
  }

  /** `/file #room PATH`: read in, then offered in the room's log. */
  async offer(room: string, path: string): Promise<Answer> {
    const files = this.deps.files();
    if (!files) return refused(`not in ${room}: /join ${room} first`);
    const transfer = this.add(
      'out',
      room,
      null,
      this.deps.ownKey,
      this.deps.ownName(),
      'preparing',
    );
    transfer.name = path.split(/[/\\]/).pop() ?? path;
    try {
      const max = this.options?.fileMax ?? LIMITS.defaultFileMaxBytes;
      const offer = await files.share(room, path, max);
      Object.assign(transfer, { offer, name: offer.name, size: offer.size, hash: offer.hash });
      await this.deps.post(room, offer);
    } catch (error) {
      const code =
        (error as { code?: string }).code === 'E_FILE_TOO_LARGE'
          ? 'E_FILE_TOO_LARGE'
          : 'E_FILE_READ';
      this.fail(transfer, code, (error as Error).message);
      return refused(`${path}: ${(error as Error).message}`);
    }
    transfer.state = 'serving';
    this.journal();
    this.deps.emit('file-offer', viewOf(transfer));
    return { ok: true, text: `offered ${transfer.name} to ${room} as file ${transfer.id}` };
  }

  /** An offer in a member's log: shown, and accepted at once under `auto-accept`. */
  offered(
    room: string,
    from: { key: string; name: string },
    offer: FileOffer,
    backlog: boolean,
  ): void {
    if (from.key === this.deps.ownKey || this.known(offer.core)) return;
    const waiting = [...this.transfers.values()].filter(
      (t) => t.from === from.key && t.state === 'offered',
    ).length;
    if (waiting >= LIMITS.maxOffersPerPeer) {
      if (this.flooding.has(from.key)) return;
      this.flooding.add(from.key);
      const message = `${room}: ${from.name} offers more than ${LIMITS.maxOffersPerPeer} files at once: the rest are not shown`;
      this.deps.emit('warning', { code: 'E_FILE_OFFERS', message });
      return;
    }
    const transfer = this.add('in', room, offer, from.key, from.name, 'offered');
    if (backlog) transfer.backlog = true;
    this.deps.emit('file-offer', viewOf(transfer));
    const auto = this.options?.autoAccept ?? 0;
    if (auto > 0 && offer.size <= auto && !backlog) this.accept(transfer.id).catch(() => undefined);
  }

  async accept(id: number): Promise<Answer> {
    const transfer = this.transfers.get(id);
    if (!transfer || transfer.direction !== 'in') return refused(`no file offered as ${id}`);
    if (transfer.state !== 'offered') return refused(`file ${id} is ${transfer.state} already`);
    const downloads = this.options?.downloads;
    if (!downloads) return refused('files cannot be saved here (no downloads folder)');
    const why = await this.tooMuch(transfer);
    if (why) return refused(`file ${id} not accepted: ${why}`);
    try {
      transfer.download = await downloads.reserve(transfer.name);
    } catch (error) {
      this.fail(transfer, 'E_FILE_WRITE', (error as Error).message);
      return refused(`file ${id}: ${(error as Error).message}`);
    }
    transfer.state = 'waiting';
    this.journal();
    this.startNext();
    return { ok: true, text: `receiving file ${id}, ${transfer.name}` };
  }

  decline(id: number): Answer {
    const transfer = this.transfers.get(id);
    if (!transfer || transfer.direction !== 'in' || transfer.state !== 'offered')
      return refused(`no file waiting for an answer as ${id}`);
    transfer.state = 'declined';
    return { ok: true, text: `declined file ${id}, ${transfer.name}` };
  }

  async cancel(id: number): Promise<Answer> {
    const transfer = this.transfers.get(id);
    if (!transfer || ENDED.has(transfer.state) || transfer.state === 'offered')
      return refused(`no file being sent or received as ${id}`);
    transfer.state = 'cancelled';
    transfer.error = { code: 'E_FILE_CANCELLED', message: 'cancelled' };
    transfer.stop?.();
    if (transfer.offer) await this.deps.files()?.release(transfer.offer.core);
    if (transfer.direction === 'in' && transfer.download)
      await this.options?.downloads.discard(transfer.download).catch(() => undefined);
    this.journal();
    this.deps.emit('file-failed', viewOf(transfer));
    this.startNext();
    return { ok: true, text: `cancelled file ${id}, ${transfer.name}` };
  }

  /** A room joined: what the journal kept of it is served, or received, again. */
  resume(room: string): void {
    const files = this.deps.files();
    if (!files) return;
    const here = this.pending.filter((kept) => kept.room === room);
    this.pending = this.pending.filter((kept) => kept.room !== room);
    for (const kept of here) {
      const state = kept.state === 'receiving' ? 'waiting' : kept.state;
      const from = kept.from ?? this.deps.ownKey;
      const transfer = this.add(kept.direction, room, kept.offer, from, '', state);
      transfer.download = kept.download;
      transfer.path = kept.path;
      if (kept.state !== 'receiving') files.hold(room, kept.offer);
    }
    this.startNext();
  }

  close(): void {
    clearInterval(this.timer);
    for (const transfer of this.transfers.values()) transfer.stop?.();
  }

  private add(
    direction: 'in' | 'out',
    room: string,
    offer: FileOffer | null,
    from: string,
    fromName: string,
    state: Transfer['state'],
  ): Transfer {
    const now = this.now();
    const transfer: Transfer = {
      ...{ id: this.nextId++, direction, room, offer, from, fromName, state },
      ...{ name: offer?.name ?? '', size: offer?.size ?? 0, hash: offer?.hash ?? '' },
      ...{ bytes: 0, received: 0, rate: 0, etaMs: null, peers: 0, sample: { at: now, bytes: 0 } },
      lastProgressAt: 0,
    };
    this.transfers.set(transfer.id, transfer);
    for (const [id, old] of this.transfers) {
      if (this.transfers.size <= LIMITS.maxFileOffers) break;
      if (ENDED.has(old.state) || old.state === 'offered') this.transfers.delete(id);
    }
    return transfer;
  }

  private known(core: string): boolean {
    for (const t of this.transfers.values()) if (t.offer?.core === core) return true;
    return this.pending.some((kept) => kept.offer.core === core);
  }

  /** Why an offer cannot be taken now: its size, the total, the disk. */
  private async tooMuch(transfer: Transfer): Promise<string | null> {
    const max = this.options?.fileMax ?? LIMITS.defaultFileMaxBytes;
    if (transfer.size > max) return `${transfer.size} bytes is over file-max (${max})`;
    const total = this.options?.filesTotal ?? LIMITS.defaultFilesTotalBytes;
    const kept = [...this.transfers.values()]
      .filter((t) => t.direction === 'in' && ['waiting', 'receiving', 'done'].includes(t.state))
      .reduce((sum, t) => sum + t.size, 0);
    if (kept + transfer.size > total) return `files kept would pass files-total (${total} bytes)`;
    // Its blocks are kept (to serve the room) beside the file saved.
    const free = await this.options?.downloads.free().catch(() => Infinity);
    if (free !== undefined && free < transfer.size * 2)
      return `${transfer.size * 2} bytes needed, ${free} free on disk`;
    return null;
  }

  private startNext(): void {
    const running = [...this.transfers.values()].filter((t) => t.state === 'receiving').length;
    const next = [...this.transfers.values()].find((t) => t.state === 'waiting');
    if (!next || running >= LIMITS.maxTransfers) return;
    this.receive(next);
    this.startNext();
  }

  private receive(transfer: Transfer): void {
    const files = this.deps.files();
    const { offer, download } = transfer;
    if (!files || !offer || !download) return;
    transfer.state = 'receiving';
    const fetch = files.fetch(transfer.room, offer, download.partial, (state) => {
      transfer.peers = state.peers;
      transfer.received = state.received;
      const have = state.have;
      this.progress(transfer, have);
    });
    transfer.stop = fetch.stop;
    fetch.done
      .then(() => this.verify(transfer))
      .catch((error: Error) => {
        if (transfer.state === 'receiving') this.fail(transfer, 'E_FILE_WRITE', error.message);
      })
      .finally(() => this.startNext());
  }

  private async verify(transfer: Transfer): Promise<void> {
    const { download, offer } = transfer;
    if (!download || !offer || transfer.state !== 'receiving') return;
    this.progress(transfer, offer.size, true);
    const { downloads } = this.options as FilesOptions;
    const saved = await downloads.complete(download, offer.hash);
    if (!saved.ok) {
      // Every block was signed by the sender, so the sender offered a hash of other bytes.
      await downloads.discard(download);
      await this.deps.files()?.release(offer.core);
      return this.fail(transfer, 'E_FILE_HASH', 'its content is not what was offered: not saved');
    }
    transfer.state = 'done';
    transfer.path = saved.path;
    this.journal();
    this.deps.emit('file-done', viewOf(transfer));
  }

  /** A `file-progress` event, at most one a LIMITS.fileProgressMs per transfer. */
  private progress(transfer: Transfer, bytes: number, last = false): void {
    const now = this.now();
    measure(transfer, bytes, transfer.direction === 'in' ? transfer.received : bytes, now);
    if (!last && now - transfer.lastProgressAt < LIMITS.fileProgressMs) return;
    transfer.lastProgressAt = now;
    this.deps.emit('file-progress', viewOf(transfer));
  }

  private countUploads(): void {
    const files = this.deps.files();
    if (!files) return;
    for (const transfer of this.transfers.values()) {
      if (transfer.state !== 'serving' && transfer.state !== 'done') continue;
      const uploads = transfer.offer ? files.uploads(transfer.offer.core) : null;
      if (!uploads) continue;
      transfer.peers = uploads.peers;
      if (uploads.bytes !== transfer.bytes && transfer.direction === 'out')
        this.progress(transfer, uploads.bytes);
    }
  }

  private fail(transfer: Transfer, code: FileErrorCode, message: string): void {
    transfer.state = 'failed';
    transfer.error = { code, message };
    this.journal();
    this.deps.emit('file-failed', viewOf(transfer));
  }

  private journal(): void {
    const journal = this.options?.journal;
    if (!journal) return;
    const kept: JournalledTransfer[] = [];
    for (const t of this.transfers.values()) {
      if (!t.offer) continue;
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
      if (state === null) continue;
      const { direction, room, offer, from, download, path } = t;
      kept.push({ direction, room, offer, state, from, download, path });
    }
    journal.save([...this.pending, ...kept].slice(-LIMITS.maxHeldFiles));
  }
}
