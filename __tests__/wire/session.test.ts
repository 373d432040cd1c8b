import { InboundSession } from '../../src/wire/session';

const SELF = '127.0.0.1:8080 blockchain';

function feed(lines: string[], sourceIp = '127.0.0.1'): { messages: unknown[]; replies: string[] } {
  const session = new InboundSession({ sourceIp }, () => SELF);
  const messages: unknown[] = [];
  const replies: string[] = [];
  for (const output of [...lines.map((line) => session.line(line)), session.end()]) {
    messages.push(...output.messages);
    replies.push(...output.replies);
  }
  return { messages, replies };
}

describe('InboundSession', () => {
  it('reads one message per line and replies the capability once, at the end', () => {
    const { messages, replies } = feed(['127.0.0.1:6001 a one', '127.0.0.1:6001 a two']);
    expect(messages).toMatchObject([{ text: 'one' }, { text: 'two' }]);
    expect(replies).toEqual([`${SELF} ack peer-tui/2\n`]);
  });

  it('writes nothing a chat sender did not ask for while it may still be sending', () => {
    const session = new InboundSession({ sourceIp: '127.0.0.1' }, () => SELF);
    for (let i = 0; i < 50; i += 1)
      expect(session.line(`127.0.0.1:6001 a line ${i}`).replies).toEqual([]);
    expect(session.end().replies).toEqual([`${SELF} ack peer-tui/2\n`]);
    expect(session.end()).toEqual({ messages: [], replies: [] });
  });

  it('answers a connect with a reply whose third word is `connected`', () => {
    const { replies } = feed(['127.0.0.1:6001 a connect']);
    expect(replies).toEqual([`${SELF} connected peer-tui/2\n`]);
    expect(replies[0]?.split(' ')[2]).toBe('connected');
  });

  it('reads the port preamble with header lines, acknowledging every line', () => {
    const { messages, replies } = feed(
      ['6011', 'CONNECT', '127.0.0.1:6011 pre hi there'],
      '127.0.0.4',
    );
    expect(messages).toMatchObject([
      { kind: 'connect', from: { key: '127.0.0.4:6011' } },
      {
        kind: 'chat',
        from: { key: '127.0.0.1:6011' },
        name: 'pre',
        text: 'hi there',
        dialect: 'preamble-header',
      },
      // Its connection was its session: the end of it is its leave.
      { kind: 'leave', from: { key: '127.0.0.1:6011' } },
    ]);
    expect(replies).toEqual(['ack\n', 'ack\n', 'ack\n']);
  });

  it('reads the port preamble with a team line and bare messages', () => {
    const { messages, replies } = feed(['6012', 'team', 'CONNECT', 'hello', 'how are you', 'exit']);
    expect(messages).toMatchObject([
      { kind: 'connect', from: { key: '127.0.0.1:6012' }, name: 'team' },
      { kind: 'chat', name: 'team', text: 'hello', dialect: 'preamble' },
      { kind: 'chat', text: 'how are you' },
      { kind: 'leave', from: { key: '127.0.0.1:6012' } },
    ]);
    expect(replies).toEqual(Array(6).fill('ack\n'));
  });

  it('does not make a preamble sender that never spoke leave at the end', () => {
    expect(feed(['6013']).messages).toEqual([]);
  });

  it('reads the block form, with and without a timestamp, until <end>', () => {
    const { messages } = feed([
      '<127.0.0.1:6030> @ <blk>',
      'line one',
      'line two',
      '<end>',
      '<127.0.0.1:6030> [2025-02-20 10:00:01] @ blk',
      'again',
      '<end>',
      '<127.0.0.1:6030> DISCONNECT',
    ]);
    expect(messages).toMatchObject([
      { kind: 'chat', name: 'blk', text: 'line one\nline two', dialect: 'block' },
      { kind: 'chat', text: 'again' },
      { kind: 'leave', from: { key: '127.0.0.1:6030' } },
    ]);
  });

  it('ends an open block at the end of the connection', () => {
    expect(feed(['<127.0.0.1:6030> @ blk', 'cut short']).messages).toMatchObject([
      { text: 'cut short' },
    ]);
  });

  it('acknowledges every line of a peer-tui link and shows no hello', () => {
    const { messages, replies } = feed([
      'peer-tui/1 hello',
      '00000000000000a1 127.0.0.1:9 p a',
      '00000000000000b2 127.0.0.1:9 p b',
    ]);
    expect(messages).toMatchObject([
      { text: 'a', linkId: '00000000000000a1' },
      { text: 'b', linkId: '00000000000000b2' },
    ]);
    expect(replies).toEqual([
      'peer-tui/1 ack 00000000000000a1\n',
      'peer-tui/1 ack 00000000000000b2\n',
    ]);
  });

  it('writes nothing back for unparsed text', () => {
    expect(feed(['who is this']).replies).toEqual([]);
  });
});

describe('InboundSession capability advertising', () => {
  it('skips the capability for a sender told lately, but always answers a connect', () => {
    const told = new InboundSession(
      { sourceIp: '127.0.0.1' },
      () => SELF,
      () => false,
    );
    expect(told.line('127.0.0.1:6001 a hi').replies).toEqual([]);
    expect(told.end().replies).toEqual([]);
    const connecting = new InboundSession(
      { sourceIp: '127.0.0.1' },
      () => SELF,
      () => false,
    );
    expect(connecting.line('127.0.0.1:6001 a connect').replies).toEqual([
      `${SELF} connected peer-tui/2\n`,
    ]);
  });
});
