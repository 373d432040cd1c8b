import type { Socket } from 'node:net';
import type { Address } from '../../wire/address';
import { LineDecoder } from '../../wire/decoder';
import { LIMITS } from '../../wire/limits';
import type { ProbeOptions, ProbeOutcome } from '../../node/outbox/carriers';
import { dial, errorCode } from './dial';

/**
 * How long to wait for an answer that a peer-tui writes at once: a few round trips, as
 * the connect's handshake measured one, within bounds. A receiver that never answers nor
 * closes (one implementation) delays our first message to it by this much, once.
 */
function probeWaitMs(connectMs: number): number {
  return Math.min(LIMITS.replyLingerMs, Math.max(LIMITS.probeMinWaitMs, 4 * connectMs));
}

/**
 * Before the first message to an address, the assignment's own connect: every
 * implementation takes it (it lists us, as the message would), and a peer-tui answers it
 * at once with its capability, so the message itself can go over the encrypted link and
 * never in the clear. A receiver that closes, or stays silent past the limit, is not a
 * peer-tui. Only a failed dial is a failure (the message would fail the same way).
 */
export async function probeCapability(
  target: Address,
  options: ProbeOptions,
): Promise<ProbeOutcome> {
  let socket: Socket;
  const began = performance.now();
  try {
    socket = await dial(target, options.localAddress);
  } catch (error) {
    return { ok: false, error: errorCode(error) };
  }
  const waitMs = options.timeoutMs ?? probeWaitMs(performance.now() - began);
  return new Promise((resolve) => {
    const decoder = new LineDecoder(4096);
    const done = (peerTui: string | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: true, peerTui });
    };
    const timer = setTimeout(() => done(null), waitMs);
    const onLine = (line: string): boolean => {
      const name = options.capabilityIn(line);
      if (name !== null) done(name);
      return name === null;
    };
    socket.on('data', (chunk: Buffer) => decoder.feed(chunk, onLine, () => done(null)));
    // A reset or a close: whatever it is, it did not answer as a peer-tui.
    socket.on('error', () => done(null));
    socket.on('close', () => done(null));
    socket.end(options.payload(socket));
  });
}
