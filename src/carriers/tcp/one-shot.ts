import type { Socket } from 'node:net';
import type { Address } from '../../wire/address';
import { LineDecoder } from '../../wire/decoder';
import { LIMITS } from '../../wire/limits';
import { dial, errorCode } from './dial';

import type { OneShotOptions } from '../../node/outbox/carriers';
import type { SendOutcome } from '../../node/outbox/outgoing';

/**
 * The form every implementation understands: connect, one write, close. Resolves when
 * the write is flushed, without waiting for the receiver to close; the socket lingers
 * briefly to read a reply and is then destroyed.
 */
export async function sendOneShot(target: Address, options: OneShotOptions): Promise<SendOutcome> {
  let socket: Socket;
  try {
    socket = await dial(target, options.localAddress);
  } catch (error) {
    return { ok: false, error: errorCode(error) };
  }
  return new Promise((resolve) => {
    const decoder = new LineDecoder(4096);
    const linger = setTimeout(() => socket.destroy(), options.lingerMs ?? LIMITS.replyLingerMs);
    socket.on('data', (chunk: Buffer) =>
      decoder.feed(chunk, options.onReply, () => socket.destroy()),
    );
    socket.on('error', (error) => resolve({ ok: false, error: errorCode(error) }));
    socket.on('close', () => {
      clearTimeout(linger);
      resolve({ ok: false, error: 'ECONNRESET' });
    });
    socket.end(options.payload(socket), () => resolve({ ok: true }));
  });
}
