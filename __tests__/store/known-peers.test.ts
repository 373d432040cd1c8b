import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownPeers } from '../../src/store/known-peers';
import { makeAddress } from '../../src/protocol/address';
import { closeAll, sleep, startNode } from '../helpers/net';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'peer-tui-peers-'));

async function waitForFile(path: string, timeoutMs = 3000): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(20))
    if (existsSync(path)) return true;
  return false;
}

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

  it('saves soon after a peer joins, but only later when a peer is merely active', async () => {
    const dir = fresh();
    const path = join(dir, 'peers.json');
    const node = await startNode('a');
    const peer = await startNode('p');
    new KnownPeers(dir, undefined, { membershipMs: 50, activityMs: 60_000 }).follow(node);
    // Sending to a peer makes it known and updated, not joined.
    await node.send(makeAddress('127.0.0.1', peer.port), 'hello');
    expect(await waitForFile(path, 800)).toBe(false);
    // A message from it lists it: a membership change.
    await peer.send(makeAddress('127.0.0.1', node.port), 'hi');
    expect(await waitForFile(path)).toBe(true);
  });
});
