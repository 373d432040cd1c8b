import { hash } from 'hypercore-crypto';
import { crypto_generichash } from 'sodium-universal';
import { z } from 'zod';
import { LIMITS } from './limits';
import { FileOfferSchema } from './file-offer';

/** `#cs216`: a `#` and 1-32 of [a-z0-9_.-] (a name is compared in lower case). */
const ROOM_NAME = /^#[a-z0-9_.-]{1,32}$/;

export function parseRoomName(text: string): string | null {
  // As in WeeChat and irssi the `#` may be left out (a `#` starts a comment in bash).
  const bare = text.trim().toLowerCase();
  const name = bare.startsWith('#') ? bare : `#${bare}`;
  return ROOM_NAME.test(name) ? name : null;
}

/**
 * A room's Hyperswarm topic: BLAKE2b of a fixed prefix and its name, so the same name
 * meets the same people and the topic says nothing of other rooms.
 */
export function roomTopic(name: string): Buffer {
  return hash(Buffer.from(`peer-tui room ${name}`));
}

/**
 * What a connection's hello says of one room: BLAKE2b of the connection's handshake hash,
 * keyed by the room's topic. Only someone who knows the name can make it, and it differs
 * per connection, so a member of `#a` learns nothing of your `#b` (it cannot match it).
 */
export function roomProof(topic: Buffer, handshakeHash: Buffer): string {
  const out = Buffer.alloc(32);
  crypto_generichash(out, handshakeHash, topic);
  return out.toString('hex');
}

const Hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const Id = z.string().regex(/^[0-9a-f]{16}$/);

/** One line on a room connection (Hyperswarm's encrypted stream): JSON, one object per line. */
export const RoomLineSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('hello'),
    name: z.string().max(64),
    /** Its TCP listening address, as it knows it: the same person reached by IP:PORT. */
    address: z.string().max(64).optional(),
    rooms: z.array(Hex(32)).max(LIMITS.maxRooms),
    /** The key of a blind relay it lends its rooms (room-relays.ts), if it does. */
    relay: Hex(32).optional(),
  }),
  z.object({
    t: z.literal('msg'),
    id: Id,
    /** A proof of the room it is for; absent for a direct message. */
    room: Hex(32).optional(),
    text: z.string().max(LIMITS.maxFrameBytes),
  }),
  z.object({ t: z.literal('ack'), id: Id }),
  /**
   * The other members of a room both are in (by proof), by key: a DHT lookup returns only
   * some of a big room's members, so members introduce each other.
   */
  z.object({
    t: z.literal('members'),
    room: Hex(32),
    keys: z.array(Hex(32)).max(LIMITS.maxRoomPeers),
  }),
  /** A file offered to this member alone (issue 23); its Hypercore replicates beside. */
  z.object({ t: z.literal('file'), offer: FileOfferSchema }),
]);
export type RoomLine = z.infer<typeof RoomLineSchema>;

/** Untrusted text to a typed line, or null. */
export function parseRoomLine(text: string): RoomLine | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RoomLineSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function formatRoomLine(line: RoomLine): string {
  return `${JSON.stringify(line)}\n`;
}
