import { createSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { PeerNode } from '../../src/node/node';
import { assembleNode, type AssembleOptions } from '../../src/main/assemble';
import type { NodeEvents } from '../../src/node/events';

/** Every server and node a test opened, closed in afterEach by `closeAll`. */
const open: { close(): unknown }[] = [];

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((item) => item.close()));
}

export async function startNode(
  name: string,
  options: Partial<AssembleOptions> = {},
): Promise<PeerNode> {
  const node = assembleNode({ name, port: 0, host: '127.0.0.1', ...options });
  await node.start();
  open.push(node);
  return node;
}

/** Resolves with the args of the next `event` for which `match` holds. */
export function next<K extends keyof NodeEvents & string>(
  node: PeerNode,
  event: K,
  match: (...args: NodeEvents[K]) => boolean = () => true,
  timeoutMs = 4000,
): Promise<NodeEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const listener = (...args: NodeEvents[K]): void => {
      if (!match(...args)) return;
      clearTimeout(timer);
      node.off(event, listener);
      resolve(args);
    };
    node.on(event, listener);
  });
}

/** Collects every event of one kind a node emits. */
export function record<K extends keyof NodeEvents & string>(
  node: PeerNode,
  event: K,
): NodeEvents[K][] {
  const seen: NodeEvents[K][] = [];
  node.on(event, (...args) => seen.push(args));
  return seen;
}

export interface RawSendOptions {
  /** Source IP to send from (any 127/8 address). */
  from?: string;
  /** Pause between chunks, in ms. */
  gapMs?: number;
  /** Keep the connection open this long after the last chunk before closing. */
  holdMs?: number;
  /** Called with each reply chunk; may write back. */
  onReply?: (text: string, socket: Socket) => void;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A mimic sender: connect, write the chunks as given, then close. Returns what came back. */
export async function sendRaw(
  port: number,
  chunks: (string | Buffer)[],
  options: RawSendOptions = {},
): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port, localAddress: options.from });
  let replies = '';
  socket.on('data', (data: Buffer) => {
    replies += data.toString();
    options.onReply?.(data.toString(), socket);
  });
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0 && options.gapMs) await sleep(options.gapMs);
    socket.write(chunk);
  }
  if (options.holdMs) await sleep(options.holdMs);
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.end();
    setTimeout(() => {
      socket.destroy();
      resolve();
    }, 1000);
  });
  return replies;
}

export interface Collected {
  bytes: string;
  remoteAddress: string;
  remotePort: number;
}

export interface Collector {
  port: number;
  connections: Collected[];
  server: Server;
  /** Resolves once `count` connections have closed. */
  waitFor(count: number, timeoutMs?: number): Promise<Collected[]>;
}

/**
 * A mimic receiver that records the bytes of each connection. `reply` may write back when
 * data arrives (an ack, a `connected`); `readOnce` closes after the first chunk, as half
 * of the implementations do.
 */
export async function startCollector(
  options: {
    reply?: (text: string, socket: Socket) => void;
    readOnce?: boolean;
    stall?: boolean;
    host?: string;
    port?: number;
    /**
     * Leave out connections that carried only the assignment's connect (`IP:PORT NAME
     * connect`): the question peer-tui asks before its first message to an address.
     */
    ignoreConnects?: boolean;
  } = {},
): Promise<Collector> {
  const connections: Collected[] = [];
  const waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    if (options.stall) socket.pause(); // accepts, never reads, never closes
    const entry: Collected = {
      bytes: '',
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
    };
    socket.on('error', () => {});
    socket.on('data', (data: Buffer) => {
      entry.bytes += data.toString();
      options.reply?.(data.toString(), socket);
      if (options.readOnce) socket.destroy();
    });
    socket.on('close', () => {
      sockets.delete(socket);
      if (options.ignoreConnects && /^\S+ \S+ connect$/.test(entry.bytes)) return;
      connections.push(entry);
      waiters.forEach((wake) => wake());
    });
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  open.push({
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(resolve));
    },
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const waitFor = (count: number, timeoutMs = 4000): Promise<Collected[]> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${connections.length} of ${count} connections`)),
        timeoutMs,
      );
      const check = (): void => {
        if (connections.length < count) return;
        clearTimeout(timer);
        resolve(connections);
      };
      waiters.push(check);
      check();
    });
  return { port, connections, server, waitFor };
}

/** Resolves once `condition` holds (checked every few ms), or rejects after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs = 4000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/**
 * The common C/Python sender: connect, write everything, then `close()` at once, not
 * `shutdown(SHUT_WR)`. Resolves when the bytes are in the kernel and the socket closed. A
 * reply left unread at that close makes the kernel reset the connection (losing what it
 * still held). Replies are read only with `waitForReplies`, as a sender that waits for
 * acks does; it closes once they satisfy it.
 */
export async function writeThenClose(
  port: number,
  chunks: (string | Buffer)[],
  options: { gapMs?: number; waitForReplies?: (replies: string) => boolean } = {},
): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  let replies = '';
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  // A sender that waits for nothing never reads: a reply stays in its kernel's buffer.
  if (options.waitForReplies) socket.on('data', (data: Buffer) => (replies += data.toString()));
  else socket.pause();
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0 && options.gapMs) await sleep(options.gapMs);
    await new Promise<void>((resolve) => socket.write(chunk, () => resolve()));
  }
  const wanted = options.waitForReplies;
  if (wanted) await waitUntil(() => wanted(replies), 20_000, 'the replies');
  socket.destroy();
  return replies;
}

/** A UDP port free now (the beacons bind it shared). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
