import Corestore from 'corestore';
import Hypercore from 'hypercore';
import type { KeyPair } from 'hypercore-crypto';
import { LIMITS } from '../../wire/limits';
import {
  encodeRoomEntry,
  logEncryptionKey,
  logManifest,
  type RoomEntry,
} from '../../wire/room-log';
import type { LoggedEntry } from '../../node/room-order';
import { inShownOrder } from '../../node/room-order';
import { MemberLog, readRecent, TRIM_EVERY, type MemberLogEvents } from './member-log';
import { trimLog } from './log-trim';
import { EntryHolders } from './entry-holders';
import { RoomFiles } from './room-files';
import type { FileOffer } from '../../wire/file-offer';

/** What the logs of the rooms tell the swarm. */
export interface RoomLogsEvents {
  /** An entry to show, in order; `backlog` when it was written before we joined. */
  entry(room: string, key: string, entry: RoomEntry, shown: { at: number; backlog: boolean }): void;
  /** One of our own entries, from an earlier run, in its place in the backlog. */
  own(room: string, entry: RoomEntry, at: number): void;
  /** A member holds one of our entries (it downloaded it, or its clock says it saw it). */
  held(room: string, id: string, key: string): void;
  /** Something the user should know: a member muted, a block refused. */
  note(room: string, text: string): void;
}

export interface RoomLogsOptions {
  keyPair: KeyPair;
  /** The Corestore's folder (the identity's data folder); a temporary one when absent. */
  storage: string;
  /** Entries shown on joining. */
  backlog: number;
  /** Whether a member is ignored (`/ignore`): its log is neither followed nor served. */
  isIgnored(key: string): boolean;
  now?: () => number;
  /** The disk one member's log may take in a room (LIMITS.roomLogBytes; tests: less). */
  logBytes?: number;
}

/** One room: our log and the logs of the members we know of. */
interface RoomState {
  own: Hypercore;
  members: Map<string, MemberLog>;
  joinedAt: number;
  /** Who holds our entries (`sent to 7 of 9`). */
  holders: EntryHolders;
  /** The room connections that proved this room: the only ones its logs replicate over. */
  streams: Set<unknown>;
}

/**
 * The rooms' memory: a Corestore holding, per room, our log (signed with our identity key,
 * in the room's namespace, encrypted with the room's key) and the log of every member we
 * know of, each downloaded in full and served over the room connections that proved the
 * room (carriers/swarm/room-swarm.ts attaches them). docs/protocol.md, "Room logs".
 */
export class RoomLogs {
  private readonly store: Corestore;
  private readonly rooms = new Map<string, RoomState>();
  private readonly ownKey: string;
  private followed = 0;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly logBytes: number;
  /** Files offered in the rooms, replicated over the same connections (issue 23). */
  readonly files: RoomFiles;

  constructor(
    private readonly options: RoomLogsOptions,
    private readonly events: RoomLogsEvents,
  ) {
    this.store = new Corestore(options.storage);
    this.files = new RoomFiles(this.store.namespace('files'));
    this.ownKey = options.keyPair.publicKey.toString('hex');
    this.now = options.now ?? Date.now;
    this.logBytes = options.logBytes ?? LIMITS.roomLogBytes;
    // Who downloaded our entries: read off the replication peers, a few times a second.
    this.timer = setInterval(() => this.countHolders(), 500);
    this.timer.unref();
  }

  /** The key of `member`'s log in `room`: anyone with the room's name can work it out. */
  static logKey(member: Buffer, room: string): Buffer {
    return Hypercore.key(logManifest(member, room));
  }

  /** Opens our log in `room` and the logs it followed before; shows the backlog. */
  async open(room: string): Promise<void> {
    if (this.rooms.has(room)) return;
    const own = this.core(this.options.keyPair.publicKey, room, this.options.keyPair);
    const state: RoomState = {
      own,
      members: new Map(),
      joinedAt: this.now(),
      holders: new EntryHolders((id, key) => this.events.held(room, id, key)),
      streams: new Set(),
    };
    this.rooms.set(room, state);
    await own.ready();
    const known = await own.getUserData('peer-tui/members');
    const keys = known ? (JSON.parse(known.toString()) as unknown) : [];
    const logs = (Array.isArray(keys) ? keys : [])
      .filter((key): key is string => typeof key === 'string' && /^[0-9a-f]{64}$/.test(key))
      // A hello while the store opened may have made us follow one already.
      .filter((key) => !state.members.has(key))
      .map((key) => this.addMember(room, state, key))
      .filter((log): log is MemberLog => log !== undefined);
    await Promise.all(logs.map((log) => log.ready()));
    await this.showBacklog(room, state, logs);
    for (const log of logs) log.start(this.options.backlog);
  }

  /** Follows a member's log in `room`; true when it is new to us (tell the others). */
  follow(room: string, key: string): boolean {
    const state = this.rooms.get(room);
    if (!state || state.members.has(key) || key === this.ownKey) return false;
    const log = this.addMember(room, state, key);
    if (!log) return false;
    this.remember(state).catch(() => undefined);
    log.ready().then(
      () => log.start(this.options.backlog),
      () => undefined,
    );
    return true;
  }

  /** Members whose logs we follow in `room`. */
  members(room: string): string[] {
    return [...(this.rooms.get(room)?.members.keys() ?? [])];
  }

  /** Appends to our log (a file offer with it); the member keys that should get it. */
  async post(
    room: string,
    id: string,
    name: string,
    text: string,
    file?: FileOffer,
  ): Promise<string[]> {
    const state = this.rooms.get(room);
    if (!state) return [];
    const seen = [...state.members.values()]
      .filter((log) => log.shownLength > 0)
      .sort((a, b) => b.lastShownAt - a.lastShownAt)
      .slice(0, LIMITS.maxRoomSeen)
      .map((log): [string, number] => [log.key, log.shownLength]);
    const entry: RoomEntry = { v: 1, id, name, text, at: this.now(), seen, ...(file && { file }) };
    const { length } = await state.own.append(encodeRoomEntry(entry));
    if (length % TRIM_EVERY === 0) await trimLog(state.own, this.logBytes);
    state.holders.posted(length - 1, id);
    return [...state.members.keys()];
  }

  /** Stops following, and forgets, a member's logs (`/ignore`). */
  async drop(key: string): Promise<void> {
    for (const state of this.rooms.values()) {
      const log = state.members.get(key);
      if (!log) continue;
      state.members.delete(key);
      this.followed -= 1;
      await log.close();
      await this.remember(state);
    }
  }

  async part(room: string): Promise<void> {
    const state = this.rooms.get(room);
    if (!state) return;
    this.rooms.delete(room);
    this.followed -= state.members.size;
    await Promise.all([...state.members.values()].map((log) => log.close()));
    await state.own.close();
  }

  /**
   * Replicates `room`'s logs over a room connection's Noise stream, once its hello proved
   * the room: a peer without the room's name is never offered them (nor could it read
   * them). Logs followed later join every such stream.
   */
  attach(room: string, stream: unknown): void {
    const state = this.rooms.get(room);
    if (!state || state.streams.has(stream)) return;
    state.streams.add(stream);
    state.own.replicate(stream);
    for (const log of state.members.values()) log.replicate(stream);
    this.files.attach(room, stream);
  }

  /** A room connection closed. */
  detach(stream: unknown): void {
    for (const state of this.rooms.values()) state.streams.delete(stream);
    this.files.detach(stream);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.files.close();
    for (const room of [...this.rooms.keys()]) await this.part(room);
    await this.store.close();
  }

  private core(member: Buffer, room: string, keyPair?: KeyPair): Hypercore {
    return this.store.get({
      ...(keyPair ? { keyPair } : { key: RoomLogs.logKey(member, room) }),
      manifest: logManifest(member, room),
      encryption: { key: logEncryptionKey(room) },
    });
  }

  private addMember(room: string, state: RoomState, key: string): MemberLog | undefined {
    if (this.options.isIgnored(key) || key === this.ownKey) return undefined;
    if (state.members.size >= LIMITS.maxRoomMembers || this.followed >= LIMITS.maxRoomLogs) {
      return undefined;
    }
    const events: MemberLogEvents = {
      entry: (entry, at) => this.onEntry(room, state, key, entry, at),
      note: (text) => this.events.note(room, text),
      shownOf: (other) => state.members.get(other),
    };
    const core = this.core(Buffer.from(key, 'hex'), room);
    const log = new MemberLog(key, core, events, this.now, this.logBytes);
    state.members.set(key, log);
    this.followed += 1;
    for (const stream of state.streams) log.replicate(stream);
    return log;
  }

  private onEntry(room: string, state: RoomState, key: string, entry: RoomEntry, at: number): void {
    // Its clock says what of ours it had seen: it holds those.
    for (const [seenKey, length] of entry.seen)
      if (seenKey === this.ownKey) state.holders.heldUpTo(key, length);
    // An entry of the very millisecond we joined was written before we could see it.
    this.events.entry(room, key, entry, { at, backlog: at <= state.joinedAt });
  }

  /** The room's recent entries, from what is on disk, in order, marked as earlier. */
  private async showBacklog(room: string, state: RoomState, logs: MemberLog[]): Promise<void> {
    const own = await readRecent(state.own, this.ownKey, this.options.backlog);
    const recent: LoggedEntry[] = (
      await Promise.all(logs.map((log) => log.recent(this.options.backlog)))
    ).flat();
    const shown = inShownOrder([...own.entries, ...recent], this.now());
    for (const { item, at } of shown.slice(-this.options.backlog)) {
      if (item.key === this.ownKey) this.events.own(room, item.entry, at);
      else this.events.entry(room, item.key, item.entry, { at, backlog: true });
    }
  }

  private async remember(state: RoomState): Promise<void> {
    const keys = JSON.stringify([...state.members.keys()]);
    await state.own.setUserData('peer-tui/members', Buffer.from(keys));
  }

  private countHolders(): void {
    for (const state of this.rooms.values()) {
      if (!state.holders.counting) continue;
      for (const peer of state.own.peers) {
        const key = peer.remotePublicKey?.toString('hex');
        if (key !== undefined && state.members.has(key))
          state.holders.heldUpTo(key, peer.remoteContiguousLength);
      }
    }
  }
}
