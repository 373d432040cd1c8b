import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownPeers } from '../../src/store/known-peers';
import { makeAddress, makeKeyAddress } from '../../src/wire/address';
import { closeAll, startNode, waitUntil } from '../helpers/net';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'peer-tui-peers-'));

describe('KnownPeers', () => {
  afterEach(closeAll);

  it('saves one peer per line and restores them as known', async () => {
    const dir = fresh();
    const node = await startNode('a');
    node.peers.know(makeAddress('127.0.0.1', 9001));
    node.peers.named(makeAddress('127.0.0.1', 9001), 'P1');
    node.peers.know(makeAddress('127.0.0.2', 9002));
    new KnownPeers(dir).save(node);
    const text = readFileSync(join(dir, 'peers.json'), 'utf8');
    expect(text.split('\n')).toHaveLength(5); // [, two peers, ], and the final newline
    expect(JSON.parse(text)).toMatchObject([
      { address: '127.0.0.1:9001', name: 'P1' },
      { address: '127.0.0.2:9002', name: '' },
    ]);
    const other = await startNode('b');
    expect(new KnownPeers(dir).restoreInto(other)).toBe(2);
    expect(other.peers.all().map((p) => [p.address.key, p.name, p.state])).toEqual([
      ['127.0.0.1:9001', 'P1', 'known'],
      ['127.0.0.2:9002', '', 'known'],
    ]);
  });

  it('keeps pinned keys, and a room member known by its key only comes back with it', async () => {
    const dir = fresh();
    const node = await startNode('a');
    const pinned = makeAddress('127.0.0.1', 9003);
    node.peers.setTrust(pinned, { key: 'ab'.repeat(32), pinnedAt: 5, verifiedByYou: true });
    const member = makeKeyAddress('cd'.repeat(32));
    node.peers.setTrust(member, { key: 'cd'.repeat(32), pinnedAt: 6 });
    node.peers.named(member, 'bob');
    new KnownPeers(dir).save(node);
    const other = await startNode('b');
    new KnownPeers(dir).restoreInto(other);
    expect(other.peers.get(pinned.key)).toMatchObject({
      key: 'ab'.repeat(32),
      pinnedAt: 5,
      verifiedByYou: true,
    });
    expect(other.peers.get(member.key)).toMatchObject({
      address: member,
      name: 'bob',
      key: 'cd'.repeat(32),
    });
  });

  it('a peer we sent to is on disk when the send is reported, long before any snapshot', async () => {
    const dir = fresh();
    const node = await startNode('a');
    const peer = await startNode('p');
    const known = new KnownPeers(dir, undefined, { membershipMs: 60_000, activityMs: 60_000 });
    known.follow(node);
    const to = makeAddress('127.0.0.1', peer.port);
    const sent = node.send(to, 'hello');
    known.flush(); // what the front ends do before they show anything
    expect(existsSync(join(dir, 'peers.json'))).toBe(false);
    expect(new KnownPeers(dir).load().map((p) => p.address)).toEqual([to.key]);
    expect((await sent).state).toBe('sent');
  });

  it('a snapshot takes the journal in; a crash at any point keeps every peer', async () => {
    const dir = fresh();
    const node = await startNode('a');
    const known = new KnownPeers(dir, undefined, { membershipMs: 10, activityMs: 10 });
    known.follow(node);
    node.peers.know(makeAddress('127.0.0.1', 9001));
    node.peers.named(makeAddress('127.0.0.1', 9001), 'P1');
    known.flush();
    await waitUntil(() => existsSync(join(dir, 'peers.json')), 3000, 'the snapshot');
    await waitUntil(() => !existsSync(join(dir, 'peers.jsonl.old')), 3000, 'the journal taken in');
    node.peers.know(makeAddress('127.0.0.1', 9002));
    known.flush();
    // As after a kill -9 now: the snapshot has the first peer, the journal the second.
    expect(new KnownPeers(dir).load().map((p) => [p.address, p.name])).toEqual([
      ['127.0.0.1:9001', 'P1'],
      ['127.0.0.1:9002', ''],
    ]);
    known.save(node);
    expect(existsSync(join(dir, 'peers.jsonl'))).toBe(false);
    expect(new KnownPeers(dir).load()).toHaveLength(2);
  });
});
