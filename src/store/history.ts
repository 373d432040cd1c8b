import { join } from 'node:path';
import { z } from 'zod';
import type { PeerNode } from '../node/node';
import { flat, jsonString } from '../util/json-string';
import { JsonLines, readJsonLines } from './jsonl';

const At = { t: z.number() };

/** One line of history.jsonl (README.md, "Nothing lost", describes the files). */
export const HistoryRecordSchema = z.discriminatedUnion('type', [
  z.object({
    ...At,
    type: z.literal('in'),
    peer: z.string(),
    name: z.string(),
    text: z.string(),
    room: z.string().optional(),
  }),
  z.object({
    ...At,
    type: z.literal('out'),
    id: z.string(),
    peer: z.string(),
    text: z.string(),
    room: z.string().optional(),
  }),
  z.object({
    ...At,
    type: z.literal('delivery'),
    id: z.string(),
    state: z.enum(['queued', 'sent', 'failed']),
  }),
  z.object({ ...At, type: z.literal('join'), peer: z.string(), name: z.string() }),
  z.object({ ...At, type: z.literal('leave'), peer: z.string(), name: z.string() }),
]);
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;

/** The most matches `search` returns (the newest). */
export const SEARCH_LIMIT = 50;

/** Members' copies of our latest room messages followed for their first delivery. */
const ROOM_COPIES_KEPT = 4096;

/** Enough of the end of the file for the last few hundred lines. */
const TAIL_BYTES = 256 * 1024;

/** Every message in and out, every join and leave, appended as it happens. */
export class History {
  private readonly file: JsonLines;

  constructor(dir: string, onError?: (error: Error) => void) {
    this.file = new JsonLines(join(dir, 'history.jsonl'), onError);
  }

  record(record: HistoryRecord): void {
    this.file.append(record);
  }

  /** Writes what is queued now: call before showing it. */
  flush(): void {
    this.file.flush();
  }

  /** Writes what the node does into history; called before any front end listens. */
  follow(node: PeerNode): void {
    // Every message lands here: its line is built directly, the same JSON as `record` makes.
    // A sender's messages come in runs: the part naming it is made once per run, flat (a
    // line of fewer, longer pieces costs less to encode).
    let sender = '';
    let senderName = '';
    let middle = '';
    node.on('message', (m) => {
      // A room's earlier messages live in its logs; shown again at each join, kept once.
      if (m.backlog === true) return;
      if (m.room !== undefined) {
        const { from, name, text, room, at } = m;
        return this.record({ t: at, type: 'in', peer: from.key, name, text, room });
      }
      if (m.from.key !== sender || m.name !== senderName) {
        sender = m.from.key;
        senderName = m.name;
        middle = flat(
          `,"type":"in","peer":${jsonString(sender)},"name":${jsonString(senderName)},"text":`,
        );
      }
      this.file.appendJson(`{"t":${m.at}${middle}${jsonString(m.text)}}`);
    });
    node.on('peer-joined', (p) =>
      this.record({ t: Date.now(), type: 'join', peer: p.address.key, name: p.name }),
    );
    node.on('peer-exited', (p) =>
      this.record({ t: Date.now(), type: 'leave', peer: p.address.key, name: p.name }),
    );
    // A room message is one line, and one delivery line when the first member holds it.
    const roomCopies = new Map<string, string>();
    node.on('room-said', (said) => {
      if (said.backlog === true) return;
      this.record({
        t: said.at,
        type: 'out',
        id: said.id,
        peer: said.room,
        text: said.text,
        room: said.room,
      });
      for (const copy of said.copies) roomCopies.set(copy, said.id);
      for (const copy of roomCopies.keys()) {
        if (roomCopies.size <= ROOM_COPIES_KEPT) break;
        roomCopies.delete(copy);
      }
    });
    node.on('delivery', (d) => {
      if (d.kind !== 'chat') return;
      if (d.room === undefined)
        return this.record({ t: Date.now(), type: 'delivery', id: d.id, state: d.state });
      const id = roomCopies.get(d.id);
      if (id === undefined || d.state !== 'sent') return;
      for (const [copy, of] of roomCopies) if (of === id) roomCopies.delete(copy);
      this.record({ t: Date.now(), type: 'delivery', id, state: 'sent' });
    });
  }

  all(): HistoryRecord[] {
    this.flush();
    return readJsonLines(this.file.path, HistoryRecordSchema);
  }

  tail(count: number): HistoryRecord[] {
    return readJsonLines(this.file.path, HistoryRecordSchema, TAIL_BYTES).slice(-count);
  }

  /**
   * Whole-file search, newest last; case-insensitive on text, name and address. With the
   * hits come the delivery records of the own messages among them (their final state).
   */
  search(text: string, limit = SEARCH_LIMIT): HistoryRecord[] {
    const needle = text.toLowerCase();
    const all = this.all();
    const hits = all
      .filter(
        (record) =>
          record.type !== 'delivery' &&
          Object.values(record).some(
            (value) => typeof value === 'string' && value.toLowerCase().includes(needle),
          ),
      )
      .slice(-limit);
    const ids = new Set(hits.flatMap((record) => (record.type === 'out' ? [record.id] : [])));
    const deliveries = all.filter((record) => record.type === 'delivery' && ids.has(record.id));
    return [...hits, ...deliveries].sort((a, b) => a.t - b.t);
  }

  /**
   * The last `count` records of one conversation (messages and joins of `peer`, our
   * messages to it, with their deliveries), from the end of the file: a view opened late
   * starts with them.
   */
  conversation(peer: string, count: number): HistoryRecord[] {
    this.flush();
    const records = readJsonLines(this.file.path, HistoryRecordSchema, TAIL_BYTES);
    const about = records.filter((record) => record.type !== 'delivery' && record.peer === peer);
    const shown = about.slice(-count);
    const ids = new Set(shown.flatMap((record) => (record.type === 'out' ? [record.id] : [])));
    const deliveries = records.filter((record) => record.type === 'delivery' && ids.has(record.id));
    return [...shown, ...deliveries].sort((a, b) => a.t - b.t);
  }

  close(): void {
    this.file.close();
  }
}
