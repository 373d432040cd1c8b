import createTestnet from 'hyperdht/testnet';
import { freePort, killAll, startCli } from '../helpers/cli';
import { killScreens, startScreen } from '../helpers/pty';

// A room on the screen (issue 18, item 11), between the real program and a headless
// member, on a local DHT.

type Testnet = Awaited<ReturnType<typeof createTestnet>>;
let testnet: Testnet;
/** hyperdht may wait 10 s on a connection attempt before the next (see cli/rooms.test.ts). */
const MEET_MS = 60_000;

beforeEach(async () => {
  testnet = await createTestnet(3, { host: '127.0.0.1' });
});
afterEach(async () => {
  killScreens();
  killAll();
  await testnet.destroy();
});

const dhtFlags = (): string[] => [
  '--host',
  '127.0.0.1',
  '--dht-host',
  '127.0.0.1',
  ...testnet.bootstrap.flatMap((node) => ['--dht-bootstrap', `${node.host}:${node.port}`]),
  '--lan-port',
  '0', // no LAN beacons between test files that share a room name
];

it('--room opens the room at start; own lines count their deliveries; /part names the leaver', async () => {
  const screen = startScreen(
    ['--name', 'amy', '--port', String(await freePort()), '--room', 'cs216', ...dhtFlags()],
    100,
    30,
  );
  // No `#` typed (bash would read it as a comment), the room's view on screen at once.
  await screen.waitFor('joined #cs216: looking for its members');
  expect(screen.rows()[0]).toContain('[2:#cs216]');
  const bob = startCli([
    '--headless',
    '--json',
    '--name',
    'bob',
    '--port',
    String(await freePort()),
    '--room',
    'cs216',
    ...dhtFlags(),
  ]);
  await screen.waitFor('(bob) is here', MEET_MS);

  screen.type('hello room\r');
  await screen.waitFor('me -> #cs216 hello room (sent to 1 of 1)');
  expect(screen.text()).not.toContain('message sent to');
  await bob.waitFor('"text":"hello room"');

  bob.write('/send #cs216 hi amy\n');
  await screen.waitFor(/bob hi amy/);
  // The room's own view needs no room name on the line; view 1 shows it.
  expect(screen.text()).not.toMatch(/#cs216 @\S+ bob hi amy/);
  screen.type('\u001b1');
  await screen.waitFor(/#cs216 @\S+ bob hi amy/);

  screen.type('/part #cs216\r');
  await screen.waitFor('left #cs216');
  expect(screen.text()).not.toContain('left the room');
}, 120_000);
