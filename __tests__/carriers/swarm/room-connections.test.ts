import type { RoomConnection } from '../../../src/carriers/swarm/room-connection';
import { RoomConnections } from '../../../src/carriers/swarm/room-connections';
import { EntryHolders } from '../../../src/carriers/swarm/entry-holders';

const conn = (remoteKey: string): RoomConnection => ({ remoteKey }) as RoomConnection;

describe('room connections by key, with duplicates', () => {
  it('the newest is in use; the older closing changes nothing', () => {
    const set = new RoomConnections();
    const [first, second] = [conn('a'), conn('a')];
    set.add(first);
    set.add(second);
    expect(set.size).toBe(1);
    expect(set.get('a')).toBe(second);
    expect(set.closed(first)).toEqual({ was: 'spare' });
    expect(set.get('a')).toBe(second);
    expect(set.closed(second)).toEqual({ was: 'gone' });
    expect(set.has('a')).toBe(false);
  });

  it('the one in use closing hands over to the spare Hyperswarm kept', () => {
    const set = new RoomConnections();
    const [first, second] = [conn('a'), conn('a')];
    set.add(first);
    set.add(second);
    expect(set.closed(second)).toEqual({ was: 'replaced', by: first });
    expect(set.get('a')).toBe(first);
    expect(set.closed(first)).toEqual({ was: 'gone' });
    expect(set.size).toBe(0);
  });
});

describe('who holds our entries', () => {
  it('tells each holder of each entry once, below the length it holds', () => {
    const told: string[] = [];
    const holders = new EntryHolders((id, key) => told.push(`${id} ${key}`));
    expect(holders.counting).toBe(false);
    holders.posted(0, 'x');
    holders.posted(1, 'y');
    holders.heldUpTo('m', 1);
    holders.heldUpTo('m', 2);
    holders.heldUpTo('m', 2);
    expect(told).toEqual(['x m', 'y m']);
  });

  it('keeps counting only the newest 256 entries', () => {
    const told: string[] = [];
    const holders = new EntryHolders((id) => told.push(id));
    for (let seq = 0; seq < 300; seq++) holders.posted(seq, String(seq));
    holders.heldUpTo('m', 300);
    expect(told).toHaveLength(256);
    expect(told[0]).toBe('44');
  });
});
