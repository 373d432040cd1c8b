import { parseAddress, type Address } from '../../wire/address';
import type { FileOffer } from '../../wire/file-offer';
import type {
  DirectFilesPort,
  FileFetch,
  FileProgress,
  JournalledTransfer,
  RoomFilesPort,
} from './file-transport';

/**
 * How a transfer moves, whatever carries it: in a room (a Hypercore served by every
 * member holding it, carriers/swarm/room-files.ts) or between two peer-tui (a files
 * connection, carriers/files/direct-files.ts). FileTransfers asks only this.
 */
export interface FileWay {
  /** Reads a file in to offer it; rejects with `code` E_FILE_TOO_LARGE past `maxBytes`. */
  share(path: string, maxBytes: number): Promise<FileOffer>;
  /** Tells the room or the peer of it; rejects with the peer's refusal. */
  announce(offer: FileOffer): Promise<void>;
  fetch(offer: FileOffer, partial: string, progress: FileProgress): FileFetch;
  uploads(core: string): { bytes: number; peers: number } | null;
  /** Stops serving it. */
  release(core: string): Promise<void>;
  /** Serves it again after a restart (ours, or one received in a room). */
  keep(kept: JournalledTransfer): void;
}

/** Where a transfer happens: a room, or a peer by IP:PORT, or a member by `@KEY`. */
export type Place = { room: string; peer: null } | { room: null; peer: string };

export function roomWay(
  room: string,
  files: RoomFilesPort,
  post: (room: string, offer: FileOffer) => Promise<void>,
): FileWay {
  return {
    share: (path, maxBytes) => files.share(room, path, maxBytes),
    announce: (offer) => post(room, offer),
    fetch: (offer, partial, progress) => files.fetch(room, offer, partial, progress),
    uploads: (core) => files.uploads(core),
    release: (core) => files.release(core),
    keep: (kept) => {
      files.hold(room, kept.offer);
    },
  };
}

export function peerWay(peer: string, direct: DirectFilesPort): FileWay {
  const address = parseAddress(peer);
  const target: Address = address.ok ? address.value : { ip: '', port: 0, key: peer };
  return {
    share: (path, maxBytes) => direct.share(path, maxBytes),
    announce: async (offer) => {
      const answer = await direct.offer(target, offer);
      if (!answer.ok) throw Object.assign(new Error(answer.message), { code: answer.code });
    },
    fetch: (offer, partial, progress) => direct.fetch(target, offer, partial, progress),
    uploads: (core) => direct.uploads(core),
    release: async (core) => direct.unshare(core),
    keep: (kept) => {
      if (kept.direction === 'out' && kept.source) direct.reshare(kept.source, kept.offer, [peer]);
    },
  };
}

/**
 * A member reached by key, over its room connection (carriers/swarm/room-files.ts keeps
 * its files at the place `@KEY`, replicated over every connection to it).
 */
export function memberWay(
  key: string,
  files: RoomFilesPort,
  offerTo: (key: string, offer: FileOffer) => boolean,
): FileWay {
  const place = `@${key}`;
  return {
    share: (path, maxBytes) => files.share(place, path, maxBytes),
    announce: async (offer) => {
      if (!offerTo(key, offer))
        throw Object.assign(new Error('not connected to it now: offer it in a room you share'), {
          code: 'E_FILE_OFFER',
        });
    },
    fetch: (offer, partial, progress) => files.fetch(place, offer, partial, progress),
    uploads: (core) => files.uploads(core),
    release: (core) => files.release(core),
    keep: (kept) => {
      files.hold(place, kept.offer);
    },
  };
}
