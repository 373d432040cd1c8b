import type { PeerNode } from '../node/node';
import type { Store } from '../store/store';

/** What start-up tells the user, once the screen or the lines can show it. */
export interface Note {
  text: string;
  level: 'info' | 'warn';
  /** The room it is about: shown in that room's view too. */
  room?: string;
}

/** A running node, its store when the data folder could be written, and what to tell the user. */
export interface Started {
  node: PeerNode;
  store?: Store;
  notes: Note[];
}
