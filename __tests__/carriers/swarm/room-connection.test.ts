import type { Duplex } from 'node:stream';
import SecretStream from '@hyperswarm/secret-stream';
import { keyPair } from 'hypercore-crypto';
import {
  RoomConnection,
  type RoomConnectionEvents,
} from '../../../src/carriers/swarm/room-connection';
import { LIMITS } from '../../../src/wire/limits';
import { roomTopic } from '../../../src/wire/room';

// Only setTimeout is faked: the streams' handshake runs on microtasks and ticks, for real.
beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

/** Waits on turns of the event loop, not the (fake) clock. */
async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn += 1)
    await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error(`${what} did not hold`);
}

/** Two Noise streams piped together in memory, both open. */
async function pair(): Promise<[SecretStream, SecretStream]> {
  const one = new SecretStream(true, undefined, { keyPair: keyPair() });
  const two = new SecretStream(false, undefined, { keyPair: keyPair() });
  const raw = (stream: SecretStream): Duplex =>
    (stream as unknown as { rawStream: Duplex }).rawStream;
  for (const stream of [one, two]) stream.on('error', () => undefined);
  raw(one).pipe(raw(two)).pipe(raw(one));
  await Promise.all([one.opened, two.opened]);
  return [one, two];
}

const rooms = (): ReadonlyMap<string, Buffer> => new Map([['#r', roomTopic('#r')]]);

function connection(stream: SecretStream): { closed: () => boolean; hellos: string[][] } {
  let closed = false;
  const hellos: string[][] = [];
  const events: RoomConnectionEvents = {
    hello: (_c, shared) => hellos.push(shared),
    message: () => undefined,
    members: () => undefined,
    file: () => undefined,
    closed: () => {
      closed = true;
    },
  };
  const made = new RoomConnection(stream, rooms, events);
  made.hello('me', undefined);
  return { closed: () => closed, hellos };
}

describe('a room connection waits a while for its hello', () => {
  it('closes a connection whose other end says no hello (Hyperswarm then dials again)', async () => {
    const [one, two] = await pair();
    const ours = connection(one);
    jest.advanceTimersByTime(LIMITS.roomHelloMs - 1);
    await Promise.resolve();
    expect(ours.closed()).toBe(false);
    jest.advanceTimersByTime(1);
    await waitUntil(() => ours.closed(), 'closed for want of a hello');
    two.destroy();
  });

  it('keeps a connection whose other end said hello', async () => {
    const [one, two] = await pair();
    const ours = connection(one);
    const theirs = connection(two);
    await waitUntil(() => ours.hellos.length > 0 && theirs.hellos.length > 0, 'hellos');
    expect(ours.hellos[0]).toEqual(['#r']);
    jest.advanceTimersByTime(LIMITS.roomHelloMs * 2);
    await Promise.resolve();
    expect(ours.closed() || theirs.closed()).toBe(false);
    one.destroy();
    await waitUntil(() => ours.closed() && theirs.closed(), 'both closed');
  });
});
