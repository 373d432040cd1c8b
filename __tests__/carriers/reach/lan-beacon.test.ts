import { createSocket } from 'node:dgram';
import { LanBeacon } from '../../../src/carriers/reach/lan-beacon';
import { LIMITS } from '../../../src/wire/limits';
import { formatBeacon } from '../../../src/wire/room-beacon';
import { freeUdpPort, waitUntil } from '../../helpers/net';

describe('the beacon socket', () => {
  it('goes out only where our DHT node is bound: an address not ours means no beacon at all', async () => {
    const port = await freeUdpPort();
    const nowhere = new LanBeacon(
      () => undefined,
      () => undefined,
    );
    const loopback = new LanBeacon(
      () => undefined,
      () => undefined,
    );
    try {
      expect(await nowhere.start(port, '192.0.2.1')).toBe(false);
      expect(await loopback.start(port, '127.0.0.1')).toBe(true);
    } finally {
      nowhere.close();
      loopback.close();
    }
  });

  it('reads at most LIMITS.lanBeaconsPerSecond beacons a second: a flood is dropped unread', async () => {
    const port = await freeUdpPort();
    let heard = 0;
    const listener = new LanBeacon(
      () => (heard += 1),
      () => undefined,
    );
    const sender = createSocket('udp4');
    sender.on('error', () => undefined);
    try {
      await listener.start(port, '127.0.0.1');
      const beacon = formatBeacon({
        key: 'ab'.repeat(32),
        dhtPort: 4000,
        nonce: 'cd'.repeat(16),
        proofs: ['ef'.repeat(32)],
      });
      const flood = 3 * LIMITS.lanBeaconsPerSecond;
      const started = Date.now();
      for (let i = 0; i < flood; i += 1) sender.send(beacon, port, '127.0.0.1');
      await waitUntil(() => heard > 0, 5000, 'the first beacons are read');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // All sent within one or two clock seconds: at most the cap for each.
      const seconds = Math.floor(Date.now() / 1000) - Math.floor(started / 1000) + 1;
      expect(heard).toBeLessThanOrEqual(seconds * LIMITS.lanBeaconsPerSecond);
      expect(heard).toBeLessThan(flood);
    } finally {
      sender.close();
      listener.close();
    }
  });
});
