import type { FileOffer } from '../../wire/file-offer';
import type { Address } from '../../wire/address';

/**
 * What the node asks of the carrier that moves files (issue 23), and of the store that
 * saves them: the node owns these types; carriers/swarm/room-files.ts and
 * store/transfers.ts implement them.
 */

/** A fetch's state: bytes written in order, bytes that came over the network this run. */
export type FileProgress = (state: { have: number; received: number; peers: number }) => void;

export interface FileFetch {
  /**
   * Resolves once every block is written to the partial file, with the BLAKE2b-256 (hex)
   * of the bytes written, in order; rejects if stopped.
   */
  done: Promise<string>;
  stop(): void;
}

/** Files in rooms: each served by every member that holds it. */
export interface RoomFilesPort {
  /**
   * Reads a file in to offer it to `room`; the offer to post. Rejects with `code`
   * E_FILE_TOO_LARGE, before reading, past `maxBytes`.
   */
  share(room: string, path: string, maxBytes: number): Promise<FileOffer>;
  /** Keeps serving a file held (ours, or received); false past the cap. */
  hold(room: string, offer: FileOffer): boolean;
  /** Gets a file's blocks from the room, written in order to `partial`. */
  fetch(room: string, offer: FileOffer, partial: string, progress: FileProgress): FileFetch;
  /** What we uploaded of a file, and to how many members now. */
  uploads(core: string): { bytes: number; peers: number } | null;
  /** Stops serving a file (its blocks stay on disk). */
  release(core: string): Promise<void>;
}

/** What a refusal says: a stable code (docs/protocol.md) and words for people. */
export type Refusal = { ok: false; code: string; message: string };

/** Files between two peer-tui over a files connection (carriers/files/direct-files.ts). */
export interface DirectFilesPort {
  /** Reads a file's pieces' hashes to offer it; rejects E_FILE_TOO_LARGE past `maxBytes`. */
  share(path: string, maxBytes: number): Promise<FileOffer>;
  /** Serves a file shared before (after a restart) to these peers (IP:PORT), if unchanged. */
  reshare(path: string, offer: FileOffer, to: string[]): boolean;
  /** Offers a shared file to the peer at `target` (its pinned key answers); its answer. */
  offer(target: Address, offer: FileOffer): Promise<{ ok: true } | Refusal>;
  /** Gets an offered file from `target`, from the first piece not verified in `partial`. */
  fetch(target: Address, offer: FileOffer, partial: string, progress: FileProgress): FileFetch;
  /** What we sent of a file, and to how many now. */
  uploads(core: string): { bytes: number; peers: number } | null;
  /** Stops serving a file. */
  unshare(core: string): void;
}

/** What the carrier of files connections tells the node: an offer came. */
export type DirectFileOffered = (
  from: Address,
  key: string,
  offer: FileOffer,
) => { ok: true } | Refusal;

/** A received file's place: written to `partial`, shown under `final` once verified. */
export interface Download {
  final: string;
  partial: string;
}

/** The downloads folder, as the store keeps it (store/downloads.ts). */
export interface DownloadsPort {
  /** Claims a safe, free name for an offered one; nothing else is written. */
  reserve(offered: string): Promise<Download>;
  /** The partial file made final (its hash was taken as it was written). */
  complete(download: Download): Promise<{ path: string }>;
  /** Removes a partial file (a cancelled or failed transfer). */
  discard(download: Download): Promise<void>;
  /** Bytes free in the folder's file system. */
  free(): Promise<number>;
}

/** A transfer kept across restarts: one accepted, or one of ours being served. */
export interface JournalledTransfer {
  direction: 'in' | 'out';
  /** Its room, or the peer (IP:PORT) for a file between two peer-tui. */
  room: string | null;
  peer?: string;
  /** Ours offered to a peer: the file it is read from. */
  source?: string;
  offer: FileOffer;
  state: 'receiving' | 'done' | 'serving';
  /** The sender's key, for a file received. */
  from?: string;
  download?: Download;
  path?: string;
}

/** Where transfers are kept across restarts (store/transfers.ts writes it). */
export interface TransfersJournal {
  load(): JournalledTransfer[];
  save(transfers: JournalledTransfer[]): void;
}

/** What the node is given to save files: absent, files cannot be received (tests of other things). */
export interface FilesOptions {
  downloads: DownloadsPort;
  journal?: TransfersJournal;
  /** Bytes under which offers are accepted unasked (`auto-accept`; 0: never). */
  autoAccept?: number;
  /** The largest file accepted (`file-max`), and all files kept at once (`files-total`). */
  fileMax?: number;
  filesTotal?: number;
}
