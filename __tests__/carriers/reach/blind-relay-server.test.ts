import DHT from 'hyperdht';
import createTestnet from 'hyperdht/testnet';
import { keyPair } from 'hypercore-crypto';
import { startBlindRelay, type BlindRelay } from '../../../src/carriers/reach/blind-relay-server';
import { waitUntil } from '../../helpers/net';

// A local DHT, every node on 127.0.0.1.
let testnet: Awaited<ReturnType<typeof createTestnet>> | undefined;
let relay: BlindRelay | undefined;
const nodes: DHT[] = [];
afterEach(async () => {
  await relay?.close();
  relay = undefined;
  await Promise.all(nodes.splice(0).map((n) => n.destroy()));
  await testnet?.destroy();
  testnet = undefined;
});

describe('a blind relay', () => {
  it('holds at most its cap of connections: a newcomer past it is closed, the others kept', async () => {
    testnet = await createTestnet(3, { host: '127.0.0.1' });
    const pair = keyPair();
    relay = await startBlindRelay(testnet.nodes[0]!, pair, 1);
    expect(relay.key).toBe(pair.publicKey.toString('hex'));
    const dial = () => {
      const node = new DHT({ bootstrap: testnet!.bootstrap, host: '127.0.0.1' });
      nodes.push(node);
      const socket = node.connect(pair.publicKey);
      const state = { open: false, closed: false };
      socket.on('error', () => undefined);
      socket.on('open', () => (state.open = true));
      socket.on('close', () => (state.closed = true));
      return state;
    };
    const first = dial();
    await waitUntil(() => relay!.stats().sessions.active === 1, 30_000, 'the first is held');
    const second = dial();
    await waitUntil(() => second.closed, 30_000, 'the second is closed');
    expect(first).toEqual({ open: true, closed: false });
    expect(relay.stats().sessions.active).toBe(1);
  }, 60_000);
});
