import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { FileOfferSchema } from '../wire/file-offer';
import { LIMITS } from '../wire/limits';
import type { JournalledTransfer, TransfersJournal } from '../node/files/file-transport';

const DownloadSchema = z.object({ final: z.string(), partial: z.string() });
const TransfersSchema = z
  .array(
    z.object({
      direction: z.enum(['in', 'out']),
      room: z.string().max(256).nullable(),
      peer: z.string().max(64).optional(),
      source: z.string().optional(),
      offer: FileOfferSchema,
      state: z.enum(['receiving', 'done', 'serving']),
      from: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      download: DownloadSchema.optional(),
      path: z.string().optional(),
    }),
  )
  .max(LIMITS.maxHeldFiles);

/**
 * Transfers kept across restarts (issue 23), in `transfers.json` of the identity's folder:
 * files being received (resumed at the next join of their room), received and ours
 * (served again). Written whole and atomically at each change: a `kill -9` leaves the
 * last complete one.
 */
export class TransfersFile implements TransfersJournal {
  private readonly path: string;

  constructor(
    dir: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.path = join(dir, 'transfers.json');
  }

  load(): JournalledTransfer[] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      return [];
    }
    const parsed = TransfersSchema.safeParse(raw);
    return parsed.success ? parsed.data : [];
  }

  save(transfers: JournalledTransfer[]): void {
    writeFileAtomic(this.path, `${JSON.stringify(transfers)}\n`, (error?: Error) => {
      if (error) this.onError(error);
    });
  }
}
