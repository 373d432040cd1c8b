import type {
  RoomTransport,
  RoomTransportEvents,
  RoomTransportFactory,
} from '../../src/node/rooms';
import { closeAll, next, record, startNode } from '../helpers/net';
import { FakeFiles } from '../helpers/fake-files';

// Rooms as the node sees them, with a room carrier played by the test.

afterEach(closeAll);

/** A carrier that holds the rooms joined and reports what the test tells it to. */
function fakeCarrier(): { events: () => RoomTransportEvents; factory: RoomTransportFactory } {
  let events: RoomTransportEvents | undefined;
  const rooms: string[] = [];
  const transport: RoomTransport = {
    network: () => ({
      bootstrapped: true,
      nodes: 0,
      nat: 'unknown',
      publicAddress: null,
      relays: 0,
      lentRelays: 0,
      lending: false,
      connections: [],
      unreached: [],
    }),
    unreached: () => [],
    rooms,
    members: () => [],
    reaches: () => true,
    join: (room) => rooms.push(room) > 0,
    part: async () => true,
    send: async () => ({ ok: true }),
    post: async () => [],
    audience: () => [],
    ignore: async () => undefined,
    destroy: async () => undefined,
    files: new FakeFiles(),
    offerFile: () => true,
  };
  return {
    events: () => {
      if (!events) throw new Error('no room joined yet');
      return events;
    },
    factory: (given) => {
      events = given;
      return transport;
    },
  };
}

describe('room messages and the peer panel', () => {
  it('a listed member that speaks again changes its row, as a TCP peer does', async () => {
    const carrier = fakeCarrier();
    const node = await startNode('rx', { rooms: carrier.factory });
    expect(node.rooms.join('#r')).toBeNull();
    const member = { key: 'ab'.repeat(32), name: 'amy', address: undefined };
    const joined = next(node, 'peer-joined');
    carrier.events().message(member, { id: '1111111111111111', text: 'one', room: '#r' });
    await joined;
    const updates = record(node, 'peer-updated');
    const second = next(node, 'peer-updated');
    carrier.events().message(member, { id: '2222222222222222', text: 'two', room: '#r' });
    expect((await second)[0]).toMatchObject({ name: 'amy', messagesIn: 2 });
    expect(updates).toHaveLength(1);
  });
});

describe('a member you ignore', () => {
  it('is neither shown joining nor heard', async () => {
    const carrier = fakeCarrier();
    const node = await startNode('rx', { rooms: carrier.factory });
    expect(node.rooms.join('#r')).toBeNull();
    const member = { key: 'cd'.repeat(32), name: 'troll', address: undefined };
    const other = { key: 'ef'.repeat(32), name: 'amy', address: undefined };
    expect(node.ignore(member.key)).toBe(true);
    const joined = record(node, 'member-joined');
    const messages = record(node, 'message');
    carrier.events().joined('#r', member);
    carrier.events().message(member, { id: '3333333333333333', text: 'noise', room: '#r' });
    carrier.events().joined('#r', other);
    carrier.events().message(other, { id: '4444444444444444', text: 'hi', room: '#r' });
    expect(joined.map(([change]) => change.peer.name)).toEqual(['amy']);
    expect(messages.map(([m]) => m.text)).toEqual(['hi']);
  });
});
