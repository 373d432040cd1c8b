import { startDemo } from '../../src/main/demo';
import { closeAll, record, startNode, waitUntil } from '../helpers/net';

afterEach(closeAll);

describe('peer-tui demo', () => {
  it('has three bots join, talk, answer the user, and one leave', async () => {
    const user = await startNode('you');
    const joined = record(user, 'peer-joined');
    const exited = record(user, 'peer-exited');
    const messages = record(user, 'message');
    const demo = await startDemo(user, 40);
    await waitUntil(
      () => joined.length === 3 && exited.length === 1 && messages.length >= 4,
      4000,
      'the demo',
    );
    expect(joined.map(([p]) => p.name).sort()).toEqual(['alice', 'bob', 'carol']);
    expect(exited.map(([p]) => p.name)).toEqual(['carol']);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    const bob = demo.bots[1];
    if (!bob) throw new Error('no bob');
    const answer = new Promise((resolve) =>
      user.on('message', (m) => m.text.includes('heard you') && resolve(m)),
    );
    await user.send({ ip: '127.0.0.1', port: bob.port, key: `127.0.0.1:${bob.port}` }, 'hi bob');
    await answer;
    await demo.stop();
  });
});
