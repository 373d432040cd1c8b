import { newMessageId } from '../../node/message-id';
import type { Address } from '../../wire/address';
import type { CommandContext, Outcome } from './outcome';

/**
 * A message on its way: the front end shows it at once, its delivery events follow. The
 * node's promise settles as a delivery event too, so its result is not awaited here.
 */
export function sending(context: CommandContext, to: Address, text: string): Outcome {
  const id = newMessageId();
  context.node.send(to, text, id).catch(() => undefined);
  return { type: 'sending', to, text, id };
}
