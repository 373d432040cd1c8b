import { makeAddress } from '../../src/protocol/address';
import { PeerTable } from '../../src/core/peer-table';

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
    const table = new PeerTable(() => now);
    table.heardFrom(p1, 'P1', '127.0.0.1', true);
    now = 2000;
    table.heardFrom(p1, 'P1', '127.0.0.1', true);
    expect(table.get(p1.key)).toMatchObject({ firstSeen: 1000, lastSeen: 2000 });
  });
});
