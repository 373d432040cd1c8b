import fc from 'fast-check';
import {
  deliveryLine,
  messageLine,
  messageLines,
  peerListLines,
  UNVERIFIED_MARK,
  unparsedLine,
} from '../../src/app/lines';
import { makeAddress } from '../../src/wire/address';
import type { PeerSnapshot } from '../../src/node/peers/peer-table';

const from = makeAddress('127.0.0.1', 9090);

describe('lines for people', () => {
  it('shows a message exactly as the assignment does', () => {
    const line = messageLine({
      from,
      name: 'P2',
      text: 'hello',
      dialect: 'std',
      sourceIp: '127.0.0.1',
      headerMatchesSource: true,
      at: 0,
    });
    expect(line).toBe('127.0.0.1:9090 P2 hello');
  });

  it('sanitises every peer string in a message line', () => {
    const line = messageLine({
      from,
      name: 'a\u001b[31m',
      text: 'x\r127.0.0.1:1 admin hi',
      dialect: 'std',
      sourceIp: '127.0.0.1',
      headerMatchesSource: true,
      at: 0,
    });
    expect(line).toBe('127.0.0.1:9090 a^[[31m x^M127.0.0.1:1 admin hi');
  });

  it('marks a message in the clear for an address whose key is pinned', () => {
    const base = { from, name: 'P2', text: 'hi', dialect: 'std' as const, sourceIp: '', at: 0 };
    const line = messageLine({ ...base, headerMatchesSource: true, verified: false });
    expect(line).toBe(`${UNVERIFIED_MARK} 127.0.0.1:9090 P2 hi`);
    expect(messageLine({ ...base, headerMatchesSource: true, verified: true })).toBe(
      '127.0.0.1:9090 P2 hi',
    );
  });

  it('formats a stream of messages as messageLine does, whoever sends them in any order', () => {
    const senders = fc.constantFrom(
      makeAddress('127.0.0.1', 1),
      makeAddress('127.0.0.1', 2),
      makeAddress('::1', 3),
    );
    const message = fc.record({
      from: senders,
      name: fc.constantFrom('', 'a', 'b\u001b', 'ü'),
      text: fc.string({ maxLength: 8 }),
      verified: fc.constantFrom(undefined, true, false),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 20 }), (messages) => {
        const stream = messageLines();
        for (const m of messages) {
          const full = {
            ...m,
            dialect: 'std' as const,
            sourceIp: '',
            headerMatchesSource: true,
            at: 0,
          };
          expect(stream(full)).toBe(messageLine(full));
        }
      }),
    );
  });

  it('prints the query as the assignment does', () => {
    expect(peerListLines([])).toEqual(['No connected Peers']);
    expect(peerListLines([{ address: from } as PeerSnapshot])).toEqual([
      'Connected Peers:',
      '1. 127.0.0.1:9090',
    ]);
  });

  it('says why a delivery failed in words and code', () => {
    expect(
      deliveryLine({
        id: '00000000000000a1',
        createdAt: 0,
        to: from,
        kind: 'chat',
        text: 'x',
        state: 'failed',
        via: 'std',
        error: 'ECONNREFUSED',
      }),
    ).toBe('-!- could not deliver to 127.0.0.1:9090: connection refused (ECONNREFUSED)');
  });

  it('says a message waits for an unreachable peer', () => {
    expect(
      deliveryLine({
        id: 'a',
        createdAt: 0,
        to: from,
        kind: 'chat',
        text: 'x',
        state: 'queued',
        via: 'std',
        error: 'ECONNREFUSED',
      }),
    ).toBe(
      '-!- 127.0.0.1:9090 unreachable (connection refused (ECONNREFUSED)): message queued, retrying',
    );
  });

  it('marks unparsed text as such', () => {
    expect(
      unparsedLine({ sourceIp: '127.0.0.1', sourcePort: 5, text: '\u001bhi', code: 'E_NO_NAME' }),
    ).toBe('-!- unparsed (E_NO_NAME) from 127.0.0.1:5: ^[hi');
  });
});
