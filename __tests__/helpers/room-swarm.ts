import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyPair } from 'hypercore-crypto';
import createTestnet from 'hyperdht/testnet';
import { RoomSwarm, type RoomSwarmOptions } from '../../src/carriers/swarm/room-swarm';
import type { RoomTransportEvents } from '../../src/node/rooms';

/**
 * A room carrier on the local DHT whose bootstrap is given (every node on 127.0.0.1), its
 * room logs in a folder of its own; the events the test does not follow do nothing.
 */
export function startSwarm(
  /** A local DHT's (never undefined: that would be hyperdht's public nodes). */
  bootstrap: { host: string; port: number }[],
  name: string,
  events: Partial<RoomTransportEvents> = {},
  options: Partial<RoomSwarmOptions> = {},
): { swarm: RoomSwarm; key: string } {
  const pair = keyPair();
  const swarm = new RoomSwarm(
    {
      keyPair: pair,
      name,
      ownAddress: () => undefined,
      bootstrap,
      host: '127.0.0.1',
      logs: {
        storage: mkdtempSync(join(tmpdir(), `peer-tui-logs-${name}-`)),
        backlog: 200,
        isIgnored: () => false,
      },
      ...options,
    },
    {
      joined: () => undefined,
      left: () => undefined,
      message: () => undefined,
      held: () => undefined,
      ownEarlier: () => undefined,
      trouble: () => undefined,
      network: () => undefined,
      memberFile: () => undefined,
      ...events,
    },
  );
  return { swarm, key: pair.publicKey.toString('hex') };
}

/**
 * A local DHT for each test of the file (every node on 127.0.0.1) and the room carriers
 * the test started, all destroyed after it: `swarms` takes them as they are made.
 */
export function useSwarmNet(): {
  bootstrap(): { host: string; port: number }[];
  swarms: RoomSwarm[];
} {
  let testnet: Awaited<ReturnType<typeof createTestnet>> | undefined;
  const swarms: RoomSwarm[] = [];
  beforeEach(async () => {
    testnet = await createTestnet(3, { host: '127.0.0.1' });
  });
  afterEach(async () => {
    await Promise.all(swarms.splice(0).map((s) => s.destroy()));
    await testnet?.destroy();
    testnet = undefined;
  });
  return {
    bootstrap: () => {
      if (!testnet) throw new Error('no local DHT outside a test');
      return testnet.bootstrap;
    },
    swarms,
  };
}
