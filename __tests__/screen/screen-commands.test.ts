import { executeOnScreen, type ScreenContext } from '../../src/screen/screen-commands';
import { ChatModel } from '../../src/screen/model/state';
import { newViewState } from '../../src/screen/draw/view';
import type { PeerNode } from '../../src/node/node';
import { waitUntil } from '../helpers/net';

describe('a command typed in a view', () => {
  it('is answered in that view when its peer name cannot be resolved', async () => {
    const model = new ChatModel();
    expect(model.openRoom('#r')).toBe(true);
    const context: ScreenContext = {
      node: {} as PeerNode,
      model,
      state: newViewState(),
      quit: async () => undefined,
    };
    // Not a host name at all (no lookup is made): nothing leaves this machine.
    executeOnScreen('/send no_such_host:9 hi', context);
    const here = (): string[] =>
      model.conversations.current.log.flatMap((entry) =>
        entry.kind === 'system' ? [entry.text] : [],
      );
    await waitUntil(() => here().length > 0, 10_000, 'the answer in the room view');
    expect(here()[0]).toContain('no such host or peer name');
  });
});
