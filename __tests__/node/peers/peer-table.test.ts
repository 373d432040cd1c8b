import type { Address } from '../../../src/wire/address';
import { makeAddress } from '../../../src/wire/address';
import { PeerTable } from '../../../src/node/peers/peer-table';

const p1 = makeAddress('127.0.0.1', 8080);
const p2 = makeAddress('127.0.0.1', 9090);

describe('PeerTable', () => {
  it('lists a sender once, however often it sends', () => {
    const table = new PeerTable();
    expect(table.heardFrom(p1, 'P1', '127.0.0.1', true).joined).toBe(true);
    expect(table.heardFrom(p1, 'P1', '127.0.0.1', true).joined).toBe(false);
    expect(table.listed()).toHaveLength(1);
    expect(table.listed()[0]).toMatchObject({
      messagesIn: 2,
      name: 'P1',
      headerMatchesSource: true,
    });
  });

  it('knows but does not list a peer we only sent to, until connect reaches it', () => {
    const table = new PeerTable();
    table.know(p2);
    expect(table.listed()).toEqual([]);
    expect(table.all()).toHaveLength(1);
    expect(table.reached(p2).joined).toBe(true);
    expect(table.listed().map((p) => p.address.key)).toEqual(['127.0.0.1:9090']);
  });

  it('honours a leave only from the source IP the peer was listed from', () => {
    const table = new PeerTable();
    table.heardFrom(p1, 'P1', '127.0.0.1', true);
    expect(table.leave(p1, '127.0.0.2').outcome).toBe('forged');
    expect(table.listed()).toHaveLength(1);
    expect(table.leave(p1, '127.0.0.1').outcome).toBe('left');
    expect(table.listed()).toHaveLength(0);
    expect(table.leave(p1, '127.0.0.1').outcome).toBe('not-listed');
  });

  it('expects the leave of a peer we connected to from the address we dialled', () => {
    const table = new PeerTable();
    table.reached(p2);
    expect(table.leave(p2, '127.0.0.3').outcome).toBe('forged');
    expect(table.leave(p2, '127.0.0.1').outcome).toBe('left');
  });

  it('flags a header IP that differs from the source, and keeps the first name against hijack', () => {
    const table = new PeerTable();
    const claimed = makeAddress('127.0.1.1', 6001);
    expect(table.heardFrom(claimed, 'real', '127.0.0.1', true).peer.headerMatchesSource).toBe(
      false,
    );
    table.heardFrom(claimed, 'impostor', '127.0.0.9', true);
    expect(table.get(claimed.key)?.name).toBe('real');
    expect(table.get(claimed.key)?.sourceIp).toBe('127.0.0.1');
  });

  it('lists a peer again after it left and came back', () => {
    const table = new PeerTable();
    table.heardFrom(p1, 'P1', '127.0.0.1', false);
    table.leave(p1, '127.0.0.1');
    expect(table.heardFrom(p1, 'P1', '127.0.0.1', true).joined).toBe(true);
  });

  it('records first and last seen', () => {
    let now = 1000;
    const table = new PeerTable({ now: () => now });
    table.heardFrom(p1, 'P1', '127.0.0.1', true);
    now = 2000;
    table.heardFrom(p1, 'P1', '127.0.0.1', true);
    expect(table.get(p1.key)).toMatchObject({ firstSeen: 1000, lastSeen: 2000 });
  });
});

describe('PeerTable cap', () => {
  const at = (port: number): Address => ({ ip: '127.0.0.1', port, key: `127.0.0.1:${port}` });

  it('past the cap forgets the longest silent peer that is not kept', () => {
    let now = 0;
    const forgotten: string[] = [];
    const table = new PeerTable({
      now: () => now,
      maxPeers: 3,
      keep: (peer) => peer.messagesOut > 0,
      onForgotten: (peer) => forgotten.push(peer.address.key),
    });
    for (const port of [1, 2, 3]) {
      now += 1;
      table.heardFrom(at(port), `p${port}`, '127.0.0.1', true);
    }
    table.countOut(at(1)); // we wrote to 1: a conversation
    now += 1;
    table.heardFrom(at(2), 'p2', '127.0.0.1', true); // 2 spoke again: 3 is the most silent
    table.heardFrom(at(4), 'p4', '127.0.0.1', true);
    expect(forgotten).toEqual(['127.0.0.1:3']);
    expect(table.size).toBe(3);
    table.heardFrom(at(5), 'p5', '127.0.0.1', true);
    expect(forgotten).toEqual(['127.0.0.1:3', '127.0.0.1:2']);
    expect(
      table
        .all()
        .map((p) => p.address.key)
        .sort(),
    ).toEqual(['127.0.0.1:1', '127.0.0.1:4', '127.0.0.1:5'].sort());
  });

  it('stays at the cap under a flood of spoofed header ports', () => {
    const table = new PeerTable({ maxPeers: 1000 });
    for (let port = 1; port <= 20_000; port += 1)
      table.heardFrom(at(port), 'spoof', '127.0.0.1', true);
    expect(table.size).toBe(1000);
    expect(table.get('127.0.0.1:20000')).toBeDefined();
    expect(table.get('127.0.0.1:1')).toBeUndefined();
  });

  it('tells of every peer added, whichever way it became known', () => {
    const added: string[] = [];
    const table = new PeerTable({ onAdded: (peer) => added.push(peer.address.key) });
    table.know(at(1));
    table.heardFrom(at(2), 'p2', '127.0.0.1', true);
    table.reached(at(3));
    table.named(at(4), 'found');
    table.heardFrom(at(2), 'p2', '127.0.0.1', true);
    expect(added).toEqual(['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3', '127.0.0.1:4']);
  });
});
