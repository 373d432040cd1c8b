import { z } from 'zod';
import { JsonFile } from './json-file';
import { FileOfferSchema } from '../wire/file-offer';
import { LIMITS } from '../wire/limits';
import type { JournalledTransfer, TransfersJournal } from '../node/files/file-transport';

const DownloadSchema = z.object({ final: z.string(), partial: z.string() });
const TransfersSchema = z
  .array(
    z.object({
      direction: z.enum(['in', 'out']),
      room: z.string().max(256).nullable(),
      peer: z.string().max(80).optional(),
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
 * files being received (resumed at the next join of their room, or at start for a peer's),
 * received and ours (served again). Written whole at each change.
 */
export class TransfersFile extends JsonFile<JournalledTransfer[]> implements TransfersJournal {
  constructor(dir: string, onError: (error: Error) => void) {
    super(dir, 'transfers.json', TransfersSchema, [], onError);
  }
}
