import { existsSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { OutboxJournal } from '../node/node';
import type { Outgoing } from '../node/outbox/outgoing';
import { AddressSchema } from '../wire/address';
import { JsonLines, readJsonLines } from './jsonl';

const ItemSchema = z.object({
  id: z.string(),
  to: AddressSchema,
  kind: z.enum(['chat', 'connect', 'leave']),
  text: z.string(),
  createdAt: z.number(),
  room: z.string().optional(),
});

const JournalRecordSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('queued'), item: ItemSchema }),
  z.object({ op: z.literal('settled'), id: z.string(), state: z.enum(['sent', 'failed']) }),
]);
type JournalRecord = z.infer<typeof JournalRecordSchema>;

/**
 * outbox.jsonl: each message as it is typed, then how it ended. Replayed at start, it
 * gives what still waits (sent again, in order) and what failed (for /retry).
 */
export class OutboxFile implements OutboxJournal {
  private readonly file: JsonLines;

  constructor(dir: string, onError?: (error: Error) => void) {
    this.file = new JsonLines(join(dir, 'outbox.jsonl'), onError);
  }

  queued(item: Outgoing): void {
    this.file.append({ op: 'queued', item } satisfies JournalRecord);
  }

  settled(id: string, state: 'sent' | 'failed'): void {
    this.file.append({ op: 'settled', id, state } satisfies JournalRecord);
  }

  /** What an earlier run left, and a compacted file holding only that. */
  load(): { waiting: Outgoing[]; failed: Outgoing[] } {
    const items = new Map<string, { item: Outgoing; state: 'waiting' | 'failed' }>();
    for (const record of readJsonLines(this.file.path, JournalRecordSchema)) {
      if (record.op === 'queued')
        items.set(record.item.id, { item: record.item, state: 'waiting' });
      else if (record.state === 'sent') items.delete(record.id);
      else {
        const entry = items.get(record.id);
        if (entry) entry.state = 'failed';
      }
    }
    const live = [...items.values()];
    this.compact(live);
    return {
      waiting: live.filter((e) => e.state === 'waiting').map((e) => e.item),
      failed: live.filter((e) => e.state === 'failed').map((e) => e.item),
    };
  }

  flush(): void {
    this.file.flush();
  }

  close(): void {
    this.file.close();
  }

  private compact(live: { item: Outgoing; state: 'waiting' | 'failed' }[]): void {
    if (!existsSync(this.file.path)) return;
    const lines = live.flatMap(({ item, state }) => [
      JSON.stringify({ op: 'queued', item }),
      ...(state === 'failed'
        ? [JSON.stringify({ op: 'settled', id: item.id, state: 'failed' })]
        : []),
    ]);
    writeFileAtomic.sync(this.file.path, lines.map((line) => `${line}\n`).join(''));
  }
}
