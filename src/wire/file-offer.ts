import { z } from 'zod';
import { LIMITS } from './limits';

const Hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/**
 * A file offered to a room (issue 23): its content is a Hypercore of `block`-byte blocks,
 * signed by the sender, so any member holding blocks serves them and each is verified as
 * it comes; `hash` (BLAKE2b-256 of the whole content) is checked once it is all here and
 * is the fingerprint people compare. The name is the sender's word only: it is made safe
 * (wire/file-name.ts) before anything is saved under it.
 */
export const FileOfferSchema = z.object({
  name: z.string().min(1).max(LIMITS.maxOfferedNameChars),
  size: z.number().int().nonnegative(),
  hash: Hex(32),
  /** The content's Hypercore key. */
  core: Hex(32),
  block: z.number().int().positive().max(LIMITS.maxFileBlockBytes),
});
export type FileOffer = z.infer<typeof FileOfferSchema>;

/** How many blocks hold `size` bytes. */
export function blockCount(offer: Pick<FileOffer, 'size' | 'block'>): number {
  return Math.ceil(offer.size / offer.block);
}

/** The text an offer's log entry carries, for readers that know nothing of files. */
export function offerText(offer: FileOffer): string {
  return `[file] ${offer.name} (${offer.size} bytes, ${offer.hash.slice(0, 16)})`;
}
