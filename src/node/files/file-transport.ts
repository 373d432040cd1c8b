import type { FileOffer } from '../../wire/file-offer';

/**
 * What the node asks of the carrier that moves files (issue 23), and of the store that
 * saves them: the node owns these types; carriers/swarm/room-files.ts and
 * store/transfers.ts implement them.
 */

/** A fetch's state: bytes written in order, bytes that came over the network this run. */
export type FileProgress = (state: { have: number; received: number; peers: number }) => void;

export interface FileFetch {
  /** Resolves once every block is written to the partial file; rejects if stopped. */
  done: Promise<void>;
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

/** A received file's place: written to `partial`, shown under `final` once verified. */
export interface Download {
  final: string;
  partial: string;
}

/** The downloads folder, as the store keeps it (store/downloads.ts). */
export interface DownloadsPort {
  /** Claims a safe, free name for an offered one; nothing else is written. */
  reserve(offered: string): Promise<Download>;
  /** The partial file made final when its BLAKE2b-256 is `hash` (hex). */
  complete(download: Download, hash: string): Promise<{ ok: true; path: string } | { ok: false }>;
  /** Removes a partial file (a cancelled or failed transfer). */
  discard(download: Download): Promise<void>;
  /** Bytes free in the folder's file system. */
  free(): Promise<number>;
}

/** A transfer kept across restarts: one accepted, or one of ours being served. */
export interface JournalledTransfer {
  direction: 'in' | 'out';
  room: string;
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
