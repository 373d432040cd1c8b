import fc from 'fast-check';
import {
  blake2b,
  controlFrame,
  parseFileFrame,
  pieceBytes,
  pieceFrame,
  piecesMatch,
  piecesRoot,
  type FileControl,
} from '../../src/wire/file-frames';
import { blockCount, FileOfferSchema, offerText } from '../../src/wire/file-offer';
import { parseRoomEntry, encodeRoomEntry } from '../../src/wire/room-log';
import { LIMITS } from '../../src/wire/limits';

const hex32 = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => Buffer.from(b).toString('hex'));
const offer = fc.record({
  name: fc.string({ minLength: 1, maxLength: 40 }),
  size: fc.nat(),
  hash: hex32,
  core: hex32,
  block: fc.integer({ min: 1, max: LIMITS.maxFileBlockBytes }),
});
const control: fc.Arbitrary<FileControl> = fc.oneof(
  offer.map((o) => ({ t: 'offer' as const, offer: o })),
  fc.record({ t: fc.constant('get' as const), core: hex32, from: fc.nat() }),
  fc.record({ t: fc.constant('pieces' as const), hashes: fc.array(hex32, { maxLength: 8 }) }),
  fc.constant({ t: 'ok' as const }),
  fc.record({
    t: fc.constant('no' as const),
    code: fc.string({ maxLength: 32 }),
    message: fc.string({ maxLength: 256 }),
  }),
);

describe('the frames of a files connection', () => {
  it('read back every control message and piece written', () => {
    fc.assert(
      fc.property(control, (message) => {
        expect(parseFileFrame(controlFrame(message))).toEqual({ kind: 'control', message });
      }),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.uint8Array({ maxLength: 64 }),
        (index, bytes) => {
          const parsed = parseFileFrame(pieceFrame(index, Buffer.from(bytes)));
          expect(parsed).toEqual({ kind: 'piece', index, bytes: Buffer.from(bytes) });
        },
      ),
    );
  });

  it('never throw on bytes from a peer: anything else is invalid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const parsed = parseFileFrame(Buffer.from(bytes));
        expect(['control', 'piece', 'invalid']).toContain(parsed.kind);
      }),
    );
    expect(parseFileFrame(Buffer.from('{"t":"get","core":"zz","from":0}')).kind).toBe('invalid');
    expect(parseFileFrame(Buffer.from('{"t":"pieces"'))).toEqual({ kind: 'invalid' });
    const long = `{"t":"no","code":"x","message":"${'a'.repeat(LIMITS.maxFileControlBytes)}"}`;
    expect(parseFileFrame(Buffer.from(long))).toEqual({ kind: 'invalid' });
  });

  it('name a list of pieces by its root: another list, or one of another length, does not match', () => {
    const pieces = [Buffer.from('one'), Buffer.from('two'), Buffer.from('3')].map(blake2b);
    const hashes = pieces.map((p) => p.toString('hex'));
    const named = { name: 'f', size: 7, hash: hex(0), core: piecesRoot(pieces), block: 3 };
    expect(piecesMatch(named, hashes)).toBe(true);
    expect(piecesMatch(named, [...hashes].reverse())).toBe(false);
    expect(piecesMatch(named, hashes.slice(0, 2))).toBe(false);
    expect(piecesMatch({ ...named, size: 9 }, hashes)).toBe(true);
    expect(piecesMatch({ ...named, size: 10 }, hashes)).toBe(false);
  });

  it('cut a file in 1 MiB pieces, bigger ones past the cap of pieces', () => {
    expect(pieceBytes(0)).toBe(LIMITS.filePieceBytes);
    expect(pieceBytes(256 * 2 ** 20)).toBe(LIMITS.filePieceBytes);
    const huge = LIMITS.maxFilePieces * LIMITS.filePieceBytes * 3;
    expect(blockCount({ size: huge, block: pieceBytes(huge) })).toBeLessThanOrEqual(
      LIMITS.maxFilePieces,
    );
  });
});

function hex(n: number): string {
  return n.toString(16).padStart(64, '0');
}

describe('a file offered in a room log', () => {
  const file = { name: 'notes.txt', size: 5, hash: hex(1), core: hex(2), block: 65_536 };

  it('travels in an entry whose text says so for readers that know nothing of files', () => {
    const entry = {
      v: 1 as const,
      id: 'ab'.repeat(8),
      name: 'amy',
      text: offerText(file),
      at: 1,
      seen: [],
      file,
    };
    expect(parseRoomEntry(encodeRoomEntry(entry))).toEqual({ ok: true, entry });
    expect(offerText(file)).toBe(`[file] notes.txt (5 bytes, ${hex(1).slice(0, 16)})`);
  });

  it('is refused with its entry when its name is past the cap or its numbers are wrong', () => {
    expect(FileOfferSchema.safeParse({ ...file, name: 'x'.repeat(10_000) }).success).toBe(false);
    expect(FileOfferSchema.safeParse({ ...file, size: -1 }).success).toBe(false);
    expect(FileOfferSchema.safeParse({ ...file, block: 0 }).success).toBe(false);
    expect(FileOfferSchema.safeParse({ ...file, core: 'x' }).success).toBe(false);
    const entry = { v: 1, id: 'ab'.repeat(8), name: 'amy', text: 't', at: 1, seen: [] };
    const block = Buffer.from(
      JSON.stringify({ ...entry, file: { ...file, name: 'x'.repeat(10_000) } }),
    );
    expect(parseRoomEntry(block).ok).toBe(false);
  });
});
