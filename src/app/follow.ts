import type { NodeEvents } from '../node/events';
import type { PeerNode } from '../node/node';

/**
 * The node events a person is told of, in every front end (a line, a JSON object, a line
 * in a view). A front end handles each one: an event added here does not compile until
 * the printer and the screen say something for it.
 */
export const TOLD_EVENTS = [
  'message',
  'delivery',
  'peer-joined',
  'peer-exited',
  'member-joined',
  'member-left',
  'trust',
  'discovered',
  'warning',
  'network',
  'unparsed',
  'file-offer',
  'file-progress',
  'file-done',
  'file-failed',
] as const satisfies readonly (keyof NodeEvents)[];

export type ToldEvent = (typeof TOLD_EVENTS)[number];

export type Handlers<K extends keyof NodeEvents> = {
  [E in K]: (...args: NodeEvents[E]) => void;
};

/** What a front end does with each told event, and with any other it also follows. */
export type Telling<Extra extends keyof NodeEvents = never> = Handlers<ToldEvent | Extra>;

/** Subscribes a front end's handlers to the node; the returned function unsubscribes. */
export function follow<Extra extends keyof NodeEvents = never>(
  node: PeerNode,
  handlers: Telling<Extra>,
): () => void {
  const names = Object.keys(handlers) as (ToldEvent | Extra)[];
  for (const name of names) node.on(name, handlers[name] as never);
  return () => {
    for (const name of names) node.off(name, handlers[name] as never);
  };
}
