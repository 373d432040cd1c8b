import { createSocket } from 'node:dgram';
import { closeAll, startNode } from '../../helpers/net';

afterEach(closeAll);

describe('UDP discovery (the `Who is online?` implementation)', () => {
  it('answers `Who is online?` with PORT\\nTEAM, and nothing else', async () => {
    const node = await startNode('blockchain', { discoveryPort: 0 });
    const udpPort = node.discoveryPort ?? 0;
    const asker = createSocket('udp4');
    const answers: string[] = [];
    asker.on('message', (d) => answers.push(d.toString()));
    await new Promise<void>((resolve) => asker.bind(0, '127.0.0.1', resolve));
    asker.send('hello?', udpPort, '127.0.0.1');
    asker.send('Who is online?', udpPort, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    asker.close();
    expect(answers).toEqual([`${node.port}\nblockchain`]);
  });

  it('asks an address and knows (does not list) whoever answers', async () => {
    const node = await startNode('me');
    const responder = createSocket('udp4');
    responder.on('message', (d, from) => {
      if (d.toString() === 'Who is online?')
        responder.send('6001\nudp-team', from.port, from.address);
    });
    await new Promise<void>((resolve) => responder.bind(0, '127.0.0.1', resolve));
    const found = await node.discover('127.0.0.1', responder.address().port, 300);
    responder.close();
    expect(found.map((p) => [p.address.key, p.name, p.state])).toEqual([
      ['127.0.0.1:6001', 'udp-team', 'known'],
    ]);
    expect(node.peers.listed()).toEqual([]);
  });
});
