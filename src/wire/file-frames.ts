import { z } from 'zod';
import {
  crypto_generichash,
  crypto_generichash_batch,
  crypto_generichash_STATEBYTES,
  crypto_generichash_final,
  crypto_generichash_init,
  crypto_generichash_update,
} from 'sodium-universal';
import { FileOfferSchema, type FileOffer } from './file-offer';
import { LIMITS } from './limits';

/**
 * A file between two peer-tui over a files connection (docs/protocol.md, "Files between
 * two peer-tui"): `peer-tui/2 files IP:PORT`, the Noise handshake, then messages, each one
 * encrypted frame. A control message is JSON (it starts with `{`); a piece is a zero byte,
 * its index (uint32, big-endian) and its bytes. The offer's `core` is the BLAKE2b-256 of
 * the pieces' BLAKE2b-256 hashes one after another, so the list, and then each piece, is
 * checked as it comes; `hash` is the whole content's.
 */

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/);

export const FileControlSchema = z.discriminatedUnion('t', [
  /** The sender's offer; answered `ok` or `no`, then the sender closes. */
  z.object({ t: z.literal('offer'), offer: FileOfferSchema }),
  /** The receiver asks for the pieces from `from` on; answered `pieces`, then the pieces. */
  z.object({ t: z.literal('get'), core: Hex32, from: z.number().int().nonnegative() }),
  z.object({ t: z.literal('pieces'), hashes: z.array(Hex32).max(LIMITS.maxFilePieces) }),
  z.object({ t: z.literal('ok') }),
  z.object({ t: z.literal('no'), code: z.string().max(32), message: z.string().max(256) }),
]);
export type FileControl = z.infer<typeof FileControlSchema>;

export type FileFrame =
  | { kind: 'control'; message: FileControl }
  | { kind: 'piece'; index: number; bytes: Buffer }
  | { kind: 'invalid' };

const PIECE = 0;

/** One frame of a files connection to a typed message, or `invalid`. Never throws. */
export function parseFileFrame(frame: Buffer): FileFrame {
  if (frame.length >= PIECE_HEAD && frame[0] === PIECE)
    return { kind: 'piece', index: frame.readUInt32BE(1), bytes: frame.subarray(PIECE_HEAD) };
  if (frame[0] !== 0x7b || frame.length > LIMITS.maxFileControlBytes) return { kind: 'invalid' };
  let raw: unknown;
  try {
    raw = JSON.parse(frame.toString('utf8'));
  } catch {
    return { kind: 'invalid' };
  }
  const parsed = FileControlSchema.safeParse(raw);
  return parsed.success ? { kind: 'control', message: parsed.data } : { kind: 'invalid' };
}

export function controlFrame(message: FileControl): Buffer {
  return Buffer.from(JSON.stringify(message));
}

/** Bytes before a piece's own in its frame. */
export const PIECE_HEAD = 5;

/**
 * A piece's frame: its bytes copied in, or, given a length, room for them at PIECE_HEAD
 * (the sender reads the file straight into it).
 */
export function pieceFrame(index: number, bytes: Buffer | number): Buffer {
  const length = typeof bytes === 'number' ? bytes : bytes.length;
  const frame = Buffer.allocUnsafe(PIECE_HEAD + length);
  frame[0] = PIECE;
  frame.writeUInt32BE(index, 1);
  if (typeof bytes !== 'number') bytes.copy(frame, PIECE_HEAD);
  return frame;
}

/** Piece size for a file: 1 MiB, doubled until the pieces fit LIMITS.maxFilePieces. */
export function pieceBytes(size: number): number {
  let piece = LIMITS.filePieceBytes;
  while (Math.ceil(size / piece) > LIMITS.maxFilePieces) piece *= 2;
  return piece;
}

export function blake2b(data: Buffer): Buffer {
  const out = Buffer.alloc(32);
  crypto_generichash(out, data);
  return out;
}

/** The offer's `core` for a file sent over a files connection: its pieces' hashes, hashed. */
export function piecesRoot(hashes: Buffer[]): string {
  const out = Buffer.alloc(32);
  crypto_generichash_batch(out, hashes);
  return out.toString('hex');
}

/** Whether a `pieces` list is the one the offer named, of the right length. */
export function piecesMatch(offer: FileOffer, hashes: string[]): boolean {
  if (hashes.length !== Math.ceil(offer.size / offer.block)) return false;
  return piecesRoot(hashes.map((hash) => Buffer.from(hash, 'hex'))) === offer.core;
}

/** A content's BLAKE2b-256 taken as its bytes go by (a file of gigabytes is never held). */
export class ContentHash {
  private readonly state = Buffer.alloc(crypto_generichash_STATEBYTES);

  constructor() {
    crypto_generichash_init(this.state, null, 32);
  }

  update(bytes: Buffer): void {
    crypto_generichash_update(this.state, bytes);
  }

  hex(): string {
    const out = Buffer.alloc(32);
    crypto_generichash_final(this.state, out);
    return out.toString('hex');
  }
}
