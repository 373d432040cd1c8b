import fc from 'fast-check';
import { parseCommand } from '../../src/app/commands';

describe('parseCommand', () => {
  it('reads /send and its alias /msg, keeping the text whole', () => {
    expect(parseCommand('/send 127.0.0.1:9090 hello , you there')).toEqual({
      ok: true,
      command: {
        kind: 'send',
        to: { ip: '127.0.0.1', port: 9090, key: '127.0.0.1:9090' },
        text: 'hello , you there',
      },
    });
    expect(parseCommand('/msg [::1]:9 hi')).toMatchObject({
      ok: true,
      command: { kind: 'send', to: { key: '[::1]:9' } },
    });
  });

  it.each([
    ['/connect', { kind: 'connect' }],
    ['/connect 127.0.0.1:1', { kind: 'connect', to: { key: '127.0.0.1:1' } }],
    ['/peers', { kind: 'peers' }],
    ['/exit 127.0.0.1:2', { kind: 'exit', to: { key: '127.0.0.1:2' } }],
    ['/QUIT', { kind: 'quit' }],
    ['  /help  ', { kind: 'help' }],
    ['/buffer 12', { kind: 'buffer', number: 12 }],
    ['/alias 127.0.0.1:1 teacher', { kind: 'alias', alias: 'teacher' }],
    ['/alias 127.0.0.1:1', { kind: 'alias', alias: null }],
    ['/filter', { kind: 'filter', text: '' }],
    ['/discover ::1', { kind: 'discover', ip: '::1' }],
  ])('reads %j', (line, command) => {
    expect(parseCommand(line)).toMatchObject({ ok: true, command });
  });

  it.each([
    ['/send', 'usage: /send IP:PORT|#ROOM TEXT'],
    ['/send 127.0.0.1:9090', 'usage: /send IP:PORT|#ROOM TEXT'],
    ['/send 010.0.0.1:9 hi', 'not a plain IP address: 010.0.0.1 (usage: /send IP:PORT|#ROOM TEXT)'],
    ['/exit', 'usage: /exit IP:PORT'],
    ['/dance', 'unknown command /dance; /help lists them'],
    ['/discover', 'usage: /discover IP'],
    ['/discover nowhere', 'not a plain IP address: nowhere (usage: /discover IP)'],
    ['/buffer 0', 'a view number from 1 to 99 (usage: /buffer N, /window N)'],
    [
      '/alias 127.0.0.1:1 two words',
      'an alias is 1-32 characters, no spaces (usage: /alias IP:PORT [NAME])',
    ],
    ['/query', 'usage: /query IP:PORT'],
    ['hello', 'commands start with /; /help lists them'],
  ])('explains %j', (line, error) => {
    expect(parseCommand(line)).toEqual({ ok: false, error });
  });
});

const KINDS = new Set([
  'me',
  'clear',
  'names',
  'nick',
  'set',
  'save',
  'send',
  'say',
  'to',
  'broadcast',
  'connect',
  'peers',
  'exit',
  'discover',
  'outbox',
  'retry',
  'search',
  'quit',
  'help',
  'filter',
  'query',
  'close',
  'buffer',
  'alias',
  'join',
  'part',
  'rooms',
  'trust',
  'verify',
  'fingerprint',
  'whois',
]);

describe('parseCommand on any input', () => {
  it.each(['/__proto__', '/constructor', '/toString', '/hasOwnProperty x', '/valueOf'])(
    '%j is an unknown command, not an object member',
    (line) => {
      const name = line.slice(1).split(' ')[0]?.toLowerCase() ?? '';
      expect(parseCommand(line)).toEqual({
        ok: false,
        error: `unknown command /${name}; /help lists them`,
      });
    },
  );

  it('never throws, and every success is a known command kind', () => {
    const word = fc.oneof(
      fc.constantFrom(
        'send',
        'msg',
        'to',
        '__proto__',
        'constructor',
        'connect',
        'exit',
        'help',
        'alias',
        'buffer',
        'query',
      ),
      fc.string({ maxLength: 12 }),
    );
    const line = fc.tuple(fc.constantFrom('/', ' /', '/', ''), word, fc.string({ maxLength: 40 }));
    fc.assert(
      fc.property(line, ([slash, name, rest]) => {
        const result = parseCommand(`${slash}${name} ${rest}`);
        if (result.ok) expect(KINDS.has(result.command.kind)).toBe(true);
        else expect(typeof result.error).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });
});
