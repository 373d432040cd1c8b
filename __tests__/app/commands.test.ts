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
  ])('reads %j', (line, command) => {
    expect(parseCommand(line)).toMatchObject({ ok: true, command });
  });

  it.each([
    ['/send', 'usage: /send IP:PORT TEXT'],
    ['/send 127.0.0.1:9090', 'usage: /send IP:PORT TEXT'],
    ['/send 010.0.0.1:9 hi', 'not a plain IP address: 010.0.0.1 (usage: /send IP:PORT TEXT)'],
    ['/exit', 'usage: /exit IP:PORT'],
    ['/dance', 'unknown command /dance; /help lists them'],
    ['hello', 'commands start with /; /help lists them'],
  ])('explains %j', (line, error) => {
    expect(parseCommand(line)).toEqual({ ok: false, error });
  });
});
