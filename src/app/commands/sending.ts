import { newMessageId } from '../../node/message-id';
import type { Address } from '../../wire/address';
import type { CommandContext, Outcome } from './outcome';

/**
 * A message on its way: the front end shows it at once, its delivery events follow. The
 * node's promise (its first outcome, also a delivery event) goes with it for a front end
 * that waits for it (the menu).
 */
export function sending(context: CommandContext, to: Address, text: string): Outcome {
  const id = newMessageId();
  const first = context.node.send(to, text, id);
  first.catch(() => undefined);
  return { type: 'sending', to, text, id, first };
}
