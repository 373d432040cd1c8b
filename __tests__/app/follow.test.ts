import { follow, TOLD_EVENTS, type Telling } from '../../src/app/follow';
import type { PeerNode } from '../../src/node/node';
import { TypedEmitter } from '../../src/node/typed-emitter';
import type { NodeEvents } from '../../src/node/events';

/** A node that only emits what the test tells it to. */
class FakeNode extends TypedEmitter<NodeEvents> {
  fire(name: string): void {
    (this.emit as (name: string, ...args: unknown[]) => void)(name, {});
  }
}
const fake = new FakeNode();
const node = fake as unknown as PeerNode;

function recorder(): { handlers: Telling<'peer-updated'>; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    [...TOLD_EVENTS, 'peer-updated'].map((name) => [name, () => calls.push(name)]),
  ) as unknown as Telling<'peer-updated'>;
  return { handlers, calls };
}

describe('follow', () => {
  it('subscribes each handler to its event, and the returned function unsubscribes all', () => {
    const { handlers, calls } = recorder();
    const stop = follow<'peer-updated'>(node, handlers);
    for (const name of [...TOLD_EVENTS, 'peer-updated']) fake.fire(name);
    expect(calls).toEqual([...TOLD_EVENTS, 'peer-updated']);
    stop();
    fake.fire('warning');
    expect(calls).toHaveLength(TOLD_EVENTS.length + 1);
  });

  it('does not compile when a front end leaves out a told event', () => {
    const { handlers } = recorder();
    const withoutOne: Omit<typeof handlers, 'unparsed'> & { unparsed?: unknown } = { ...handlers };
    delete withoutOne.unparsed;
    // @ts-expect-error -- every told event must be handled
    const stop = follow(node, withoutOne);
    stop();
    expect(TOLD_EVENTS).toContain('unparsed');
  });
});
