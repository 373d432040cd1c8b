import { ConnectFailures } from '../../../src/carriers/reach/connect-failures';
import { killAll } from '../../helpers/cli';
import { waitUntil } from '../../helpers/net';
import { roomMember } from '../../helpers/room-cli';
import { startSwarm, useSwarmNet } from '../../helpers/room-swarm';

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
    const local = useSwarmNet();
    const { swarms } = local;
    afterEach(() => killAll());

    it('a member killed while announced is found by a newcomer, and said out of reach with why', async () => {
      const gone = await roomMember({ bootstrap: local.bootstrap() }, 'gone', ['#out']);
      const a = startSwarm(local.bootstrap(), 'a');
      swarms.push(a.swarm);
      a.swarm.join('#out');
      await waitUntil(() => a.swarm.members('#out').length === 1, 60_000, 'a meets gone');
      const goneKey = a.swarm.members('#out')[0]?.key;
      gone.cli.child.kill('SIGKILL');
      await gone.cli.exited;
      const late = startSwarm(local.bootstrap(), 'late');
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
