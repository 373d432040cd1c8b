import { connect, createServer, type Server } from 'node:net';
import { InboundConnection, type InboundHandlers } from '../../../src/carriers/tcp/inbound';
import type { ProtocolError } from '../../../src/wire/errors';
import type { Incoming } from '../../../src/wire/schemas';
import { sendRaw, sleep } from '../../helpers/net';

let server: Server | undefined;
const accepted: InboundConnection[] = [];
afterEach(() => {
  accepted.splice(0).forEach((connection) => connection.destroy());
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function serve(
  handlers: InboundHandlers,
  options: { idleGapMs?: number; idleTimeoutMs?: number; firstMessageMs?: number } = {},
): Promise<number> {
  server = createServer((socket) => {
    accepted.push(
      new InboundConnection(socket, handlers, { selfHeader: () => '127.0.0.1:1 me', ...options }),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function collecting(): {
  handlers: InboundHandlers;
  messages: Incoming[];
  errors: ProtocolError[];
} {
  const messages: Incoming[] = [];
  const errors: ProtocolError[] = [];
  return {
    messages,
    errors,
    handlers: {
      message: (m) => messages.push(m),
      rejected: (e) => errors.push(e),
      upgrade: () => {},
    },
  };
}

describe('InboundConnection', () => {
  it('ends an undelimited message after the idle gap, not before', async () => {
    const { handlers, messages } = collecting();
    const port = await serve(handlers, { idleGapMs: 150 });
    const sending = sendRaw(port, ['127.0.0.1:5 a one', '127.0.0.1:5 a two'], {
      gapMs: 60,
      holdMs: 400,
    });
    await sleep(300);
    expect(messages).toMatchObject([{ text: 'one127.0.0.1:5 a two' }]);
    await sending;
  });

  it('a handler that throws costs the connection, not the process', async () => {
    const errors: ProtocolError[] = [];
    const port = await serve({
      message: () => {
        throw new Error('bug');
      },
      rejected: (e) => errors.push(e),
      upgrade: () => {},
    });
    await sendRaw(port, ['127.0.0.1:5 a boom\n']);
    await sleep(50);
    expect(errors).toMatchObject([{ code: 'E_INTERNAL' }]);
  });

  it.each([
    [
      'says nothing complete within the first-message deadline',
      { firstMessageMs: 100 },
      '',
      ['E_SLOW'],
    ],
    [
      'falls silent past the idle timeout after a message (quietly: it did nothing wrong)',
      { idleTimeoutMs: 100 },
      '127.0.0.1:5 a hi\n',
      [],
    ],
  ])('closes a connection that %s', async (_, limits, first, codes) => {
    const { handlers, errors } = collecting();
    const port = await serve(handlers, limits);
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    socket.resume();
    if (first !== '') socket.write(first);
    const closedByServer = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 2000);
      socket.once('end', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    socket.destroy();
    expect(closedByServer).toBe(true);
    expect(errors.map((error) => error.code)).toEqual(codes);
  });

  it('keeps a connection that spoke past the first-message deadline, then closes it when silent', async () => {
    const { handlers, errors } = collecting();
    const port = await serve(handlers, { firstMessageMs: 100, idleTimeoutMs: 600 });
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    socket.resume();
    let closedAt = 0;
    socket.once('end', () => (closedAt = Date.now()));
    const sentAt = Date.now();
    socket.write('127.0.0.1:5 a hi\n');
    await sleep(300); // the deadline has fired: it spoke, so it is only re-armed
    expect(closedAt).toBe(0);
    for (let waited = 0; closedAt === 0 && waited < 3000; waited += 20) await sleep(20);
    socket.destroy();
    expect(closedAt - sentAt).toBeGreaterThanOrEqual(590);
    expect(errors).toEqual([]);
  });
});
