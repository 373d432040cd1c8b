import fc from 'fast-check';
import { parseMessage } from '../../../src/wire/assignment/dialects';
import { classifyWord } from '../../../src/wire/assignment/words';
import { IncomingSchema, type Incoming } from '../../../src/wire/schemas';

const context = { sourceIp: '127.0.0.1' };
const parse = (text: string): Incoming => parseMessage(text, context);

describe('parseMessage: the forms of findings.md', () => {
  it('reads the standard form', () => {
    expect(parse('127.0.0.1:6001 CRYPTOKNIGHTS hello')).toEqual({
      kind: 'chat',
      from: { ip: '127.0.0.1', port: 6001, key: '127.0.0.1:6001' },
      name: 'CRYPTOKNIGHTS',
      text: 'hello',
      dialect: 'std',
    });
  });

  it('keeps the spaces inside the text', () => {
    expect(parse('10.103.45.61:8080 P1 hello , you  there')).toMatchObject({
      text: 'hello , you  there',
    });
  });

  it('reads the bracketed form', () => {
    expect(parse('<127.0.0.1:6006> nm-team hello')).toMatchObject({
      kind: 'chat',
      from: { key: '127.0.0.1:6006' },
      name: 'nm-team',
      dialect: 'bracketed',
    });
  });

  it('takes a header with no text as an empty message', () => {
    expect(parse('127.0.0.1:6001 team')).toMatchObject({ kind: 'chat', name: 'team', text: '' });
  });

  it.each(['exit', 'EXIT', '  exit  ', 'quit', '[PEER_QUIT]', 'DISCONNECT', 'Exit'])(
    'reads leave word %j',
    (word) => {
      expect(parse(`127.0.0.1:6001 team ${word}`)).toMatchObject({
        kind: 'leave',
        from: { key: '127.0.0.1:6001' },
      });
    },
  );

  it('reads `<IP:PORT> DISCONNECT` as a leave with no name', () => {
    expect(parse('<127.0.0.1:6001> DISCONNECT')).toMatchObject({ kind: 'leave', name: '' });
  });

  it.each([
    'connect',
    'CONNECT',
    'CONNECTING',
    'CONNECT_REQUEST',
    'CONNECTION_REQUEST',
    'handshake',
    'Connected',
    'Connected!',
    'connection message',
    'Connection request',
    'Connection established',
    'Hello, I am connecting!',
    'sent connection!',
  ])('reads connect word %j', (word) => {
    expect(parse(`127.0.0.1:6001 team ${word}`)).toMatchObject({ kind: 'connect', name: 'team' });
  });

  it('reads the key/value form with the source IP', () => {
    expect(
      parseMessage('LISTENING_PORT:6001|TEAM_NAME:t|hi | there', { sourceIp: '127.0.0.5' }),
    ).toMatchObject({
      kind: 'chat',
      from: { key: '127.0.0.5:6001' },
      name: 't',
      text: 'hi | there',
      dialect: 'kv',
    });
  });

  it('reads the JSON form and its connect and exit types', () => {
    const json = (type: string, extra = {}): string =>
      JSON.stringify({ type, sender_name: 'js', sender_port: 6020, ...extra });
    expect(parse(json('message', { content: 'hey' }))).toMatchObject({
      kind: 'chat',
      from: { key: '127.0.0.1:6020' },
      name: 'js',
      text: 'hey',
      dialect: 'json',
    });
    expect(parse(json('connect'))).toMatchObject({ kind: 'connect' });
    expect(parse(json('exit'))).toMatchObject({ kind: 'leave' });
    expect(
      parse(JSON.stringify({ type: 'message', content: 'x', sender_port: '6021' })),
    ).toMatchObject({
      from: { port: 6021 },
    });
  });

  it.each([
    ['{"type":"message","content":"x"}', 'E_BAD_PORT'],
    ['{"type":"message","content":"x","sender_port":70000}', 'E_BAD_PORT'],
    ['{not json', 'E_BAD_JSON'],
    ['{"type":"dance","sender_port":1}', 'E_BAD_FIELDS'],
  ])('rejects bad JSON %s', (text, code) => {
    expect(parse(text)).toEqual({ kind: 'unparsed', text, code });
  });

  it('uses the source IP for a header whose IP names no host', () => {
    expect(parseMessage('Unknown:6001 team hi', { sourceIp: '127.0.0.9' })).toMatchObject({
      from: { key: '127.0.0.9:6001' },
    });
    expect(parseMessage('0.0.0.0:6001 team hi', { sourceIp: '127.0.0.9' })).toMatchObject({
      from: { key: '127.0.0.9:6001' },
    });
  });

  it('keeps a header IP that differs from the source (identity is the header)', () => {
    expect(parseMessage('127.0.1.1:6001 team hi', { sourceIp: '127.0.0.1' })).toMatchObject({
      from: { key: '127.0.1.1:6001' },
    });
  });
});

describe('parseMessage: bad headers are unparsed, with a code', () => {
  it.each([
    ['010.0.0.1:80 team hi', 'E_BAD_ADDRESS'],
    ['0x7f.0.0.1:80 team hi', 'E_BAD_ADDRESS'],
    ['127.1:80 team hi', 'E_BAD_ADDRESS'],
    ['127.0.0.1:0 team hi', 'E_BAD_PORT'],
    ['127.0.0.1:65536 team hi', 'E_BAD_PORT'],
    [':80 team hi', 'E_BAD_ADDRESS'],
    ['127.0.0.1:80', 'E_NO_NAME'],
    ['', 'E_EMPTY'],
    ['   ', 'E_EMPTY'],
    ['hello there', 'E_BAD_ADDRESS'],
    ['<127.0.0.1:80 team hi', 'E_NO_HEADER'],
  ])('%j -> %s', (text, code) => {
    expect(parse(text)).toEqual({ kind: 'unparsed', text, code });
  });
});

describe('parseMessage on hostile input', () => {
  const tokens = [
    '127.0.0.1:80',
    '<',
    '>',
    ' ',
    '{',
    '}',
    '"',
    ':',
    '|',
    '\u001b[2J',
    'exit',
    'LISTENING_PORT:',
    '\u0000',
    '\ud800',
    'é',
  ];
  it('never throws and always returns a known kind', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.constantFrom(...tokens)).map((t) => t.join('')),
        ),
        (text) => {
          const result = parse(text);
          // Unparsed text is kept whole; parsed text came from the input, its name too.
          if (result.kind === 'unparsed') return result.text === text;
          if (result.kind === 'chat' && !text.endsWith(result.text)) return false;
          return text.includes(result.name) && IncomingSchema.safeParse(result).success;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parses whatever header it accepts back to the same identity', () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.integer({ min: 1, max: 65535 }),
        fc.stringMatching(/^[A-Za-z0-9_.-]{1,32}$/),
        fc.string(),
        (ip, port, name, text) => {
          const result = parse(`${ip}:${port} ${name} x${text}`);
          const host = ip === '0.0.0.0' ? context.sourceIp : ip; // a placeholder host
          return (
            result.kind === 'chat' &&
            result.from.key === `${host}:${port}` &&
            result.name === name &&
            result.text === `x${text}`
          );
        },
      ),
    );
  });
});

describe('control words', () => {
  it('are found in any case and with spaces around, and nothing else is one', () => {
    for (const text of [
      'exit',
      ' EXIT ',
      'Quit',
      '[PEER_QUIT]',
      'disconnect\r',
      'Connected!',
      'hello, i am connecting!',
    ])
      expect(classifyWord(text)).not.toBeNull();
    for (const text of ['m123', 'exit now', 'exits', 'connecting to you', '', ' ', 'x'.repeat(40)])
      expect(classifyWord(text)).toBeNull();
  });
});
