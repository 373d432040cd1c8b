import { NO_TRUST } from '../../helpers/peer';
import { PeerList } from '../../../src/screen/model/peer-list';
import type { PeerSnapshot, PeerState } from '../../../src/node/peers/peer-table';
import { makeAddress } from '../../../src/wire/address';

const peer = (port: number, name = `p${port}`, state: PeerState = 'listed'): PeerSnapshot => ({
  address: makeAddress('127.0.0.1', port),
  name,
  alias: null,
  state,
  sourceIp: '127.0.0.1',
  headerMatchesSource: true,
  ...NO_TRUST,
  connected: false,
  firstSeen: 0,
  lastSeen: 0,
  messagesIn: 0,
  messagesOut: 0,
});

const ports = (list: PeerList, height = 100): number[] =>
  list.window(height).rows.map((p) => p.address.port);

function crowd(count: number): PeerList {
  const list = new PeerList();
  for (let port = 1; port <= count; port += 1) list.upsert(peer(port));
  return list;
}

describe('PeerList', () => {
  it('puts the most recently active peer on top', () => {
    const list = crowd(3);
    expect(ports(list)).toEqual([3, 2, 1]);
    list.upsert(peer(1));
    expect(ports(list)).toEqual([1, 3, 2]);
  });

  it('counts each state as peers change, never twice', () => {
    const list = crowd(3);
    list.upsert(peer(2, 'p2', 'left'));
    list.upsert(peer(4, 'p4', 'known'));
    list.upsert(peer(4, 'p4', 'known'));
    expect(list.counts).toEqual({ listed: 2, known: 1, left: 1 });
    list.remove('127.0.0.1:2');
    expect(list.remove('127.0.0.1:2')).toBe(false);
    expect(list.counts).toEqual({ listed: 2, known: 1, left: 0 });
  });

  it('filters on address or name, any case, and says how many match', () => {
    const list = new PeerList();
    list.upsert(peer(8080, 'Alice'));
    list.upsert(peer(9090, 'bob'));
    list.upsert(peer(7000, 'carol'));
    list.setFilter('ALI');
    expect(ports(list)).toEqual([8080]);
    list.setFilter(':90');
    expect(list.window(10)).toMatchObject({ total: 1, rows: [{ name: 'bob' }] });
    list.setFilter('');
    expect(list.window(10).total).toBe(3);
  });

  it('gives only the rows that fit, and pages through a crowd', () => {
    const list = crowd(10_000);
    const first = list.window(20);
    expect(first).toMatchObject({ first: 0, total: 10_000, selected: -1 });
    expect(first.rows).toHaveLength(20);
    list.move(1); // no selection yet: the top row
    list.move(19);
    list.move(19);
    expect(list.window(20)).toMatchObject({ first: 19, selected: 19 });
    list.end();
    expect(list.window(20)).toMatchObject({ first: 9_980, selected: 19 });
    expect(list.window(20).rows.at(-1)?.address.port).toBe(1);
    list.home();
    expect(list.window(20)).toMatchObject({ first: 0, selected: 0 });
  });

  it('keeps the selected peer selected as rows move, and in view', () => {
    const list = crowd(30);
    list.select('127.0.0.1:25');
    expect(list.window(10).rows[list.window(10).selected]?.address.port).toBe(25);
    for (let port = 100; port < 120; port += 1) list.upsert(peer(port)); // 20 newer peers
    const view = list.window(10);
    expect(list.selected).toBe('127.0.0.1:25');
    expect(view.rows[view.selected]?.address.port).toBe(25);
  });

  it('moves the selection to a row shown when the filter hides the selected peer', () => {
    const list = new PeerList();
    list.upsert(peer(1, 'alice'));
    list.upsert(peer(2, 'bob'));
    list.select('127.0.0.1:2');
    list.setFilter('alice');
    expect(list.window(5)).toMatchObject({ selected: 0, rows: [{ name: 'alice' }] });
    expect(list.selected).toBe('127.0.0.1:1');
  });

  it('keeps the widest address and name without a pass over all peers', () => {
    const list = new PeerList();
    list.upsert(peer(1, 'a-longer-name'));
    list.upsert(peer(65535, 'b'));
    expect(list.widths).toEqual({ address: '127.0.0.1:65535'.length, name: 13 });
  });
});
