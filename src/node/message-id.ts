import { randomBytes } from 'node:crypto';

const ID_BYTES = 8;
const ID_POOL_BYTES = 4096;

// Random bytes drawn 4 KiB at a time: a call into OpenSSL per id was a tenth of a fast
// sender's time.
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** A new message id: 16 random hex digits, unique across restarts. */
export function newMessageId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_POOL_BYTES);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return idPool.toString('hex', idOffset - ID_BYTES, idOffset);
}
