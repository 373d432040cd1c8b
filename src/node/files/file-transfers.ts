import type { FileOffer } from '../../wire/file-offer';
import { LIMITS } from '../../wire/limits';
import type { Emit } from '../inbox';
import type {
  DirectFilesPort,
  FilesOptions,
  JournalledTransfer,
  Refusal,
  RoomFilesPort,
} from './file-transport';
import { memberWay, peerWay, roomWay, type FileWay, type Place } from './file-ways';
import { ENDED, journalled, pastOfferCap, whyNot } from './file-rules';
import { FileRuns } from './file-runs';
import { viewOf, type FileErrorCode, type Transfer, type TransferView } from './transfer';

export interface FileTransfersDeps {
  emit: Emit;
  /** The room carrier's files, once a room was joined. */
  rooms(): RoomFilesPort | undefined;
  /** Posts an offer to our log in `room`. */
  post(room: string, offer: FileOffer): Promise<void>;
  /** Files between two peer-tui (the direct carrier's). */
  direct: DirectFilesPort;
  /** Offers a member a file over its room connection: false when it is not connected. */
  offerToMember(key: string, offer: FileOffer): boolean;
  ownKey: string;
  ownName(): string;
  now?: () => number;
}

/** A command's answer; `said`: a `file-failed` event said it already. */
type Answer = { ok: boolean; text: string; said?: boolean };
const refused = (text: string): Answer => ({ ok: false, text });
/** What a file the system would not read means to the person who named it. */
const SYSTEM_SAID: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'not allowed to read it',
  EPERM: 'not allowed to read it',
  EISDIR: 'a folder, not a file',
  ECONNREFUSED: 'the peer is not there (connection refused)',
  ETIMEDOUT: 'the peer did not answer',
};
const where = (place: Place): string => place.room ?? place.peer;

/**
 * Files offered and received (issue 23), by the number people type: offers wait for
 * `/accept` (or come in unasked under `auto-accept`), nothing is written before; accepted
 * ones run a few at a time, resumed after a restart from the journal; ours are served
 * while we run. A room's files go through its members (file-ways.ts), a peer's over files
 * connections. Every change is an event (`file-offer`, `file-progress`, `file-done`,
 * `file-failed`).
 */
export class FileTransfers {
  private readonly transfers = new Map<number, Transfer>();
  private nextId = 1;
  /** Journalled transfers not taken up yet this run (their room not joined yet). */
  private pending: JournalledTransfer[];
  /** Members and peers told once that their offers are past the cap. */
  private readonly flooding = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  /** Accepted transfers received, a few at a time. */
  private readonly runs: FileRuns;

  constructor(
    private readonly deps: FileTransfersDeps,
    private readonly options: FilesOptions | undefined,
  ) {
    this.now = deps.now ?? Date.now;
    this.pending = options?.journal?.load() ?? [];
    this.runs = new FileRuns({
      transfers: this.transfers,
      way: (transfer) => this.way(transfer),
      downloads: () => this.options?.downloads,
      emit: deps.emit,
      fail: (transfer, code, message) => this.fail(transfer, code, message),
      journal: () => this.journal(),
      now: this.now,
    });
    // What we upload is read off the carriers a few times a second.
    this.timer = setInterval(() => this.runs.countUploads(), LIMITS.fileProgressMs);
    this.timer.unref();
  }

  list(): TransferView[] {
    return [...this.transfers.values()].map(viewOf);
  }

  /** `/file #room PATH` or `/file IP:PORT PATH`: read in, then offered there. */
  async offer(place: Place, path: string): Promise<Answer> {
    const way = this.way(place);
    if (!way) return refused(`not in ${where(place)}: /join ${where(place)} first`);
    const own = { key: this.deps.ownKey, name: this.deps.ownName() };
    const transfer = this.add('out', place, null, own, 'preparing');
    transfer.name = path.split(/[/\\]/).pop() ?? path;
    transfer.source = path;
    let stage: 'read' | 'offer' = 'read';
    try {
      const offer = await way.share(path, this.options?.fileMax ?? LIMITS.defaultFileMaxBytes);
      Object.assign(transfer, { offer, name: offer.name, size: offer.size, hash: offer.hash });
      stage = 'offer';
      await way.announce(offer);
    } catch (error) {
      const { code = '', message } = error as { code?: string; message: string };
      // Our file (E_FILE_TOO_LARGE, E_FILE_READ), or the peer's answer (its own code).
      const failed = code.startsWith('E_FILE_') ? code : `E_FILE_${stage.toUpperCase()}`;
      this.fail(transfer, failed as FileErrorCode, SYSTEM_SAID[code] ?? message);
      if (transfer.offer) await way.release(transfer.offer.core);
      return { ok: false, text: message, said: true };
    }
    transfer.state = 'serving';
    this.journal();
    this.deps.emit('file-offer', viewOf(transfer));
    return { ok: true, text: `offered ${transfer.name} to ${where(place)} as file ${transfer.id}` };
  }

  /** An offer in a member's log: shown, and accepted at once under `auto-accept`. */
  offered(room: string, from: { key: string; name: string }, offer: FileOffer, backlog: boolean) {
    if (from.key === this.deps.ownKey || this.known(offer.core)) return;
    if (this.flooded(from, `${room}: ${from.name}`)) return;
    this.take({ room, peer: null }, from, offer, backlog);
  }

  /** An offer a peer-tui made us over a files connection: its answer. */
  offeredDirect(
    peer: string,
    from: { key: string; name: string },
    offer: FileOffer,
  ): { ok: true } | Refusal {
    if (this.known(offer.core)) return { ok: true };
    if (this.flooded(from, `${peer} (${from.name})`))
      return { ok: false, code: 'E_FILE_OFFERS', message: 'too many offers waiting' };
    this.take({ room: null, peer }, from, offer, false);
    return { ok: true };
  }

  async accept(id: number): Promise<Answer> {
    const transfer = this.transfers.get(id);
    if (!transfer || transfer.direction !== 'in') return refused(`no file offered as ${id}`);
    if (transfer.state !== 'offered') return refused(`file ${id} is ${transfer.state} already`);
    const options = this.options;
    if (!options) return refused('files cannot be saved here (no downloads folder)');
    const why = await whyNot(transfer, this.transfers.values(), options);
    if (why) return refused(`file ${id} not accepted: ${why}`);
    try {
      transfer.download = await options.downloads.reserve(transfer.name);
    } catch (error) {
      this.fail(transfer, 'E_FILE_WRITE', (error as Error).message);
      return refused(`file ${id}: ${(error as Error).message}`);
    }
    transfer.state = 'waiting';
    this.journal();
    this.runs.startNext();
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
    if (transfer.offer) await this.way(transfer)?.release(transfer.offer.core);
    if (transfer.direction === 'in' && transfer.download)
      await this.options?.downloads.discard(transfer.download).catch(() => undefined);
    this.journal();
    this.deps.emit('file-failed', viewOf(transfer));
    this.runs.startNext();
    return { ok: true, text: `cancelled file ${id}, ${transfer.name}` };
  }

  /**
   * What the journal kept is taken up again: a room's when it is joined (`room`), a peer's
   * at start (no room): received again from where it was, or served again.
   */
  resume(room: string | null): void {
    const here = this.pending.filter((kept) => kept.room === room);
    this.pending = this.pending.filter((kept) => kept.room !== room);
    for (const kept of here) {
      const place: Place =
        kept.room !== null
          ? { room: kept.room, peer: null }
          : { room: null, peer: kept.peer ?? '' };
      const way = this.way(place);
      // A member's (`@KEY`) waits for the room carrier, made at the first join.
      if (!way) {
        this.pending.push(kept);
        continue;
      }
      const state = kept.state === 'receiving' ? 'waiting' : kept.state;
      const from = { key: kept.from ?? this.deps.ownKey, name: '' };
      const transfer = this.add(kept.direction, place, kept.offer, from, state);
      Object.assign(transfer, { download: kept.download, path: kept.path, source: kept.source });
      if (kept.state !== 'receiving') way.keep(kept);
    }
    this.journal();
    this.runs.startNext();
  }

  close(): void {
    clearInterval(this.timer);
    for (const transfer of this.transfers.values()) transfer.stop?.();
  }

  private way(place: { room: string | null; peer: string | null }): FileWay | null {
    const rooms = this.deps.rooms();
    // A member reached by key: its files go over its room connection (`@KEY`).
    if (place.peer?.startsWith('@'))
      return rooms ? memberWay(place.peer.slice(1), rooms, this.deps.offerToMember) : null;
    if (place.peer !== null) return peerWay(place.peer, this.deps.direct);
    return rooms && place.room !== null ? roomWay(place.room, rooms, this.deps.post) : null;
  }

  /** A new offer to us: shown; taken at once under `auto-accept` (not from a backlog). */
  private take(
    place: Place,
    from: { key: string; name: string },
    offer: FileOffer,
    backlog: boolean,
  ) {
    const transfer = this.add('in', place, offer, from, 'offered');
    if (backlog) transfer.backlog = true;
    this.deps.emit('file-offer', viewOf(transfer));
    const auto = this.options?.autoAccept ?? 0;
    if (auto > 0 && offer.size <= auto && !backlog) this.accept(transfer.id).catch(() => undefined);
  }

  /** Past its cap of offers waiting: said once per sender. */
  private flooded(from: { key: string }, who: string): boolean {
    if (!pastOfferCap(this.transfers.values(), from.key)) return false;
    if (this.flooding.has(from.key)) return true;
    // Said once per sender, among the last few hundred: senders with new keys cannot grow it.
    if (this.flooding.size >= LIMITS.maxFileOffers) this.flooding.clear();
    this.flooding.add(from.key);
    const message = `${who} offers more than ${LIMITS.maxOffersPerPeer} files at once: the rest are not shown`;
    this.deps.emit('warning', { code: 'E_FILE_OFFERS', message });
    return true;
  }

  private add(
    direction: 'in' | 'out',
    place: Place,
    offer: FileOffer | null,
    from: { key: string; name: string },
    state: Transfer['state'],
  ): Transfer {
    const now = this.now();
    const transfer: Transfer = {
      ...{ id: this.nextId++, direction, ...place, offer, from: from.key, fromName: from.name },
      ...{ state, name: offer?.name ?? '', size: offer?.size ?? 0, hash: offer?.hash ?? '' },
      ...{ bytes: 0, received: 0, rate: 0, etaMs: null, peers: 0 },
      ...{ sample: { at: now, bytes: 0 }, lastProgressAt: 0 },
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

  private fail(transfer: Transfer, code: FileErrorCode, message: string): void {
    transfer.state = 'failed';
    transfer.error = { code, message };
    this.journal();
    this.deps.emit('file-failed', viewOf(transfer));
  }

  private journal(): void {
    const kept = [...this.transfers.values()].map(journalled).filter((t) => t !== null);
    this.options?.journal?.save([...this.pending, ...kept].slice(-LIMITS.maxHeldFiles));
  }
}
