import { hash } from 'hypercore-crypto';
import { z } from 'zod';
import { FileOfferSchema } from './file-offer';
import { LIMITS } from './limits';

/**
 * A room's memory: each member appends its messages to a log of its own (a Hypercore),
 * signed by its identity key, encrypted with a key made from the room's name. The bytes of
 * one entry, and the keys, are defined here; carriers/swarm/room-logs.ts keeps the logs.
 */

const Hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const RoomEntrySchema = z.object({
  v: z.literal(1),
  /** The message id (de-duplication, deliveries). */
  id: Hex(8),
  /** The author's name when it wrote it (it may be offline when this is read). */
  name: z.string().max(64),
  text: z.string().min(1),
  /** The author's clock, in ms: clamped by the reader (log-order.ts). */
  at: z.number().int().nonnegative(),
  /**
   * What the author had seen when writing: [member key, log length] per log it followed.
   * A reader never shows this entry above one of those (Autobase's causal clock, simply).
   */
  seen: z.array(z.tuple([Hex(32), z.number().int().nonnegative()])).max(LIMITS.maxRoomSeen),
  /** A file offered to the room (issue 23); `text` then says so for older readers. */
  file: FileOfferSchema.optional(),
});
export type RoomEntry = z.infer<typeof RoomEntrySchema>;

/** Why a block is not shown: a stable code (docs/protocol.md). */
export type EntryRefusal = 'E_ENTRY_TOO_LARGE' | 'E_ENTRY_INVALID';

/** One block of a member's log to a typed entry, or why not. Never throws. */
export function parseRoomEntry(
  block: Buffer,
): { ok: true; entry: RoomEntry } | { ok: false; code: EntryRefusal } {
  if (block.length > LIMITS.maxRoomEntryBytes) return { ok: false, code: 'E_ENTRY_TOO_LARGE' };
  let raw: unknown;
  try {
    raw = JSON.parse(block.toString('utf8'));
  } catch {
    return { ok: false, code: 'E_ENTRY_INVALID' };
  }
  const parsed = RoomEntrySchema.safeParse(raw);
  return parsed.success ? { ok: true, entry: parsed.data } : { ok: false, code: 'E_ENTRY_INVALID' };
}

export function encodeRoomEntry(entry: RoomEntry): Buffer {
  return Buffer.from(JSON.stringify(entry));
}

/** The signer namespace of every member's log in a room: only the room's name makes it. */
export function logNamespace(room: string): Buffer {
  return hash(Buffer.from(`peer-tui room log ${room}`));
}

/** The block encryption key of a room's logs: a relay or seed without the name holds ciphertext. */
export function logEncryptionKey(room: string): Buffer {
  return hash(Buffer.from(`peer-tui room log encryption ${room}`));
}

/**
 * The manifest of a member's log in a room: one Ed25519 signer, the member's identity key,
 * in the room's namespace. Its hash is the log's key, so anyone who knows a member's key
 * and the room knows its log, and only that member's secret key can write to it.
 */
export function logManifest(memberKey: Buffer, room: string): object {
  return {
    version: 1,
    signers: [{ signature: 'ed25519', publicKey: memberKey, namespace: logNamespace(room) }],
  };
}
