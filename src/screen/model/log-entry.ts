import type { Delivery } from '../../node/events';

/** An own message's state on screen: `sending` until its first delivery event. */
export type DeliveryState = 'sending' | Delivery['state'];

/** One line of a view's log, as plain data (the model's; the screen draws it). */
export type LogEntry =
  | {
      kind: 'chat';
      at: number;
      from: string;
      name: string;
      text: string;
      headerMatchesSource: boolean;
      /** false: in the clear for an address whose key is pinned (anyone could have sent it). */
      verified?: boolean;
      /** It named you or a highlight word: drawn in its own colour in every view. */
      highlight: boolean;
      /** The room it was said in (shown in view 1). */
      room?: string;
      /** `/me`: an action, drawn `* NAME text`. */
      action?: boolean;
      /** A room message written before we joined (its backlog): drawn marked as earlier. */
      earlier?: boolean;
    }
  | {
      kind: 'own';
      id: string;
      at: number;
      to: string;
      text: string;
      state: DeliveryState;
      error?: string;
      /** To a room: each member's copy by its id, with its state (shown `sent to N of M`). */
      copies?: Map<string, DeliveryState>;
      /** Ours, from an earlier run, in a room's backlog: drawn marked as earlier. */
      earlier?: boolean;
    }
  | { kind: 'system'; at: number; text: string; level: 'info' | 'warn' | 'error' }
  /** A line from the history of an earlier run (already sanitised text). */
  | { kind: 'past'; at: number; text: string };
