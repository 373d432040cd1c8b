import { LanBeacon } from '../../../src/carriers/reach/lan-beacon';
import { freeUdpPort } from '../../helpers/net';

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
});
