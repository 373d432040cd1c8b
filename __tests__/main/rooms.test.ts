import { waitUntil } from '../helpers/net';
import {
  events,
  named,
  present,
  roomMember,
  texts,
  type Event,
  type Member,
  MEET_MS,
  useLocalDht,
} from '../helpers/room-cli';

const testnet = useLocalDht();

const member = (name: string, rooms: string[], reuse?: Member): Promise<Member> =>
  roomMember(testnet(), name, rooms, reuse);

describe('rooms between real peer-tui, on a local DHT', () => {
  it('three meet in #cs216, each message reaches the other two once, a part is seen, a late joiner finds all', async () => {
    const [amy, bob, cat] = await Promise.all(
      ['amy', 'bob', 'cat'].map((name) => member(name, ['#cs216'])),
    );
    const all = [amy, bob, cat] as Member[];
    for (const m of all)
      await waitUntil(
        () => present(m, '#cs216').length === 2,
        MEET_MS,
        `${m.name} sees the other two`,
      );
    const joined = events(amy!).find((e) => e.type === 'member-joined') as Event;
    expect(joined.peer).toMatchObject({
      rooms: ['#cs216'],
      key: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    for (const m of all) m.cli.write(`/send #cs216 hello from ${m.name}\n`);
    for (const m of all)
      await waitUntil(() => texts(m, '#cs216').length === 2, 10_000, `${m.name}'s messages`);
    expect(texts(amy!, '#cs216')).toEqual(['bob: hello from bob', 'cat: hello from cat']);
    expect(texts(cat!, '#cs216')).toEqual(['amy: hello from amy', 'bob: hello from bob']);
    // Each was told, unasked, what the DHT learnt of its network (once).
    await amy!.cli.waitFor('"type":"network"', 30_000);
    const told = events(amy!).filter((e) => e.type === 'network');
    expect(told).toHaveLength(1);
    expect(told[0]?.net).toMatchObject({
      nat: expect.stringMatching(/^(open|consistent|random)$/),
    });
    const verified = events(bob!).filter((e) => e.type === 'message');
    expect(verified.every((e) => e.verified === true && String(e.key).length === 64)).toBe(true);

    bob!.cli.write('/part #cs216\n');
    // bob's own events say bob left, never that the others did.
    await bob!.cli.waitFor('"type":"parted"');
    expect(events(bob!).filter((e) => e.type === 'member-left')).toEqual([]);
    await waitUntil(() => !present(amy!, '#cs216').includes('bob'), 10_000, 'bob left at amy');
    await waitUntil(() => !present(cat!, '#cs216').includes('bob'), 10_000, 'bob left at cat');

    const dan = await member('dan', ['#cs216']);
    await waitUntil(
      () => present(dan, '#cs216').join() === 'amy,cat',
      MEET_MS,
      'dan finds amy and cat',
    );
    dan.cli.write('/rooms\n');
    await dan.cli.waitFor('"type":"rooms"');
  }, 200_000);

  it('two rooms at once: each member only in what it shares; a name unknown stays unknown', async () => {
    const amy = await member('amy', ['#a', '#b']);
    const bob = await member('bob', ['#a']);
    const cat = await member('cat', ['#b', '#c']);
    await waitUntil(() => present(amy, '#a').join() === 'bob', MEET_MS, 'bob in #a at amy');
    await waitUntil(() => present(amy, '#b').join() === 'cat', MEET_MS, 'cat in #b at amy');
    amy.cli.write('/send #a only for a\n');
    await waitUntil(() => texts(bob, '#a').length === 1, 10_000, 'the #a message');
    expect(texts(cat, '#a')).toEqual([]);
    expect(present(bob, '#b')).toEqual([]);
    // bob and cat share no room: neither is told of the other, nor of #c.
    expect(events(bob).some((e) => e.type === 'member-joined' && named(e) === 'cat')).toBe(false);
    expect(bob.cli.stdout()).not.toContain('#c');
  }, 200_000);

  it('a member killed with kill -9 is shown left in bounded time; what waited for it arrives after its restart', async () => {
    const amy = await member('amy', ['#r']);
    let bob = await member('bob', ['#r']);
    await waitUntil(() => present(amy, '#r').join() === 'bob', MEET_MS, 'bob at amy');
    const bobRef = events(amy).find((e) => e.type === 'member-joined') as Event;
    const bobAddress = (bobRef.peer as { address: string }).address;
    bob.cli.child.kill('SIGKILL');
    await bob.cli.exited;
    // No close comes from a killed process: its silence past the limit is its leaving.
    await waitUntil(() => present(amy, '#r').length === 0, 20_000, 'bob shown left');
    amy.cli.write(`/send ${bobAddress} while you were away\n`);
    await amy.cli.waitFor('"state":"queued"');
    bob = await member('bob', ['#r'], bob); // same folder: same key
    await waitUntil(
      () => events(bob).some((e) => e.type === 'message' && e.text === 'while you were away'),
      MEET_MS,
      'the queued message after the restart',
    );
    expect(
      events(bob).filter((e) => e.type === 'message' && e.text === 'while you were away'),
    ).toHaveLength(1);
  }, 200_000);

  it('a member met in a room first and linked by IP:PORT later is one peer from then on', async () => {
    const amy = await member('amy', ['#same']);
    const bob = await member('bob', ['#same']);
    await waitUntil(() => present(amy, '#same').length === 1, MEET_MS, 'bob in #same at amy');
    const byKey = (events(amy).find((e) => e.type === 'member-joined') as Event).peer as {
      address: string;
    };
    expect(byKey.address.startsWith('@')).toBe(true);
    amy.cli.write(`/send 127.0.0.1:${bob.port} one\n`);
    await amy.cli.waitFor('"change":"pinned"');
    // The entry under the key is gone: the one at bob's address stands for bob.
    const listed = (): unknown[] =>
      events(amy)
        .filter((e) => e.type === 'peers')
        .map((e) => e.peers);
    amy.cli.write('/peers\n');
    await waitUntil(() => listed().length === 1, 10_000, '/peers');
    expect(listed()[0]).toEqual([`127.0.0.1:${bob.port}`]);
    bob.cli.write('/send #same over the room\n');
    await waitUntil(() => texts(amy, '#same').length === 1, 20_000, 'the room message');
    const message = events(amy).find((e) => e.type === 'message' && e.room === '#same') as Event;
    expect(message.from).toBe(`127.0.0.1:${bob.port}`);
  }, 200_000);

  it('the same person in a room and by IP:PORT is one peer', async () => {
    const amy = await member('amy', []);
    const bob = await member('bob', []);
    // A link first: each pins the other's key at its address.
    amy.cli.write(`/send 127.0.0.1:${bob.port} one\n`);
    await bob.cli.waitFor('"text":"one"');
    amy.cli.write(`/send 127.0.0.1:${bob.port} two\n`);
    await amy.cli.waitFor('"change":"pinned"');
    await bob.cli.waitFor('"change":"pinned"');
    amy.cli.write('/join #same\n');
    bob.cli.write('/join #same\n');
    await waitUntil(() => present(amy, '#same').length === 1, MEET_MS, 'bob in #same at amy');
    const joined = events(amy).find((e) => e.type === 'member-joined') as Event;
    expect((joined.peer as { address: string }).address).toBe(`127.0.0.1:${bob.port}`);
    amy.cli.write('/peers\n');
    bob.cli.write('/send #same over the room\n');
    await waitUntil(() => texts(amy, '#same').length === 1, 10_000, 'the room message');
    const message = events(amy).find((e) => e.type === 'message' && e.room === '#same') as Event;
    expect(message.from).toBe(`127.0.0.1:${bob.port}`);
  }, 200_000);
});
