import createTestnet from 'hyperdht/testnet';
import { ConnectFailures } from '../../../src/carriers/reach/connect-failures';
import type { RoomSwarm } from '../../../src/carriers/swarm/room-swarm';
import { killAll } from '../../helpers/cli';
import { waitUntil } from '../../helpers/net';
import { roomMember } from '../../helpers/room-cli';
import { startSwarm } from '../../helpers/room-swarm';

describe('members found but out of reach', () => {
  it('keeps the last reason per member until a connection reaches it', () => {
    const failures = new ConnectFailures();
    failures.failed('a', 'PEER_NOT_FOUND');
    failures.failed('a', 'HOLEPUNCH_ABORTED');
    failures.failed('b', 'PEER_CONNECTION_FAILED');
    expect(failures.unreached(() => false)).toEqual([
      { key: 'a', code: 'HOLEPUNCH_ABORTED' },
      { key: 'b', code: 'PEER_CONNECTION_FAILED' },
    ]);
    expect(failures.unreached((key) => key === 'b')).toEqual([
      { key: 'a', code: 'HOLEPUNCH_ABORTED' },
    ]);
    failures.reached('a');
    expect(failures.unreached(() => false)).toEqual([{ key: 'b', code: 'PEER_CONNECTION_FAILED' }]);
  });

  describe('on a local DHT', () => {
    let testnet: Awaited<ReturnType<typeof createTestnet>>;
    const swarms: RoomSwarm[] = [];
    beforeEach(async () => {
      testnet = await createTestnet(3, { host: '127.0.0.1' });
    });
    afterEach(async () => {
      killAll();
      await Promise.all(swarms.splice(0).map((s) => s.destroy()));
      await testnet.destroy();
    });

    it('a member killed while announced is found by a newcomer, and said out of reach with why', async () => {
      const gone = await roomMember(testnet, 'gone', ['#out']);
      const a = startSwarm(testnet.bootstrap, 'a');
      swarms.push(a.swarm);
      a.swarm.join('#out');
      await waitUntil(() => a.swarm.members('#out').length === 1, 60_000, 'a meets gone');
      const goneKey = a.swarm.members('#out')[0]?.key;
      gone.cli.child.kill('SIGKILL');
      await gone.cli.exited;
      const late = startSwarm(testnet.bootstrap, 'late');
      swarms.push(late.swarm);
      late.swarm.join('#out');
      await waitUntil(
        () => late.swarm.network().unreached.some((u) => u.key === goneKey),
        90_000,
        'gone said out of reach at late',
      );
      const [reason] = late.swarm.network().unreached.filter((u) => u.key === goneKey);
      expect(reason?.code).toMatch(/^[A-Z_]+$/);
    }, 120_000);
  });
});
