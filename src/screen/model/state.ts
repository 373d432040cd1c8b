import type { ChatMessage, Delivery } from '../../node/events';
import type { PeerSnapshot } from '../../node/peers/peer-table';
import type { TransferView } from '../../node/files/transfer';
import type { Address } from '../../wire/address';
import { ShownViews } from './shown-views';
import type { DeliveryState, LogEntry } from './log-entry';
import { shownName } from '../../app/lines';
import { PeerList } from './peer-list';
import { Traffic } from './traffic';

export type { DeliveryState, LogEntry } from './log-entry';

export const LIMITS_UI = {
  /** Lines of scrollback kept; older ones are dropped. */
  scrollback: 5000,
  /** Buckets in the traffic sparkline, and how long each lasts. */
  trafficBuckets: 30,
  trafficBucketMs: 2000,
} as const;

/**
 * Everything the screen shows, as plain data. Node events and user actions change it;
 * the view draws it. `version` grows with every change so a view can skip idle renders.
 */
export class ChatModel extends ShownViews {
  /** Most recently active first, windowed for the panel (screen/model/peer-list.ts). */
  readonly peers = new PeerList();
  readonly traffic = new Traffic(LIMITS_UI.trafficBuckets);
  /** Grows with each highlight, and each message to a view not on screen: the bell's. */
  alerts = 0;
  /** The last alert of a view not on screen, for a desktop notification (sanitised later). */
  private notice: { title: string; text: string } | null = null;
  private isHighlight: (text: string) => boolean = () => false;
  messagesIn = 0;
  messagesOut = 0;
  /** Files being received now (at most LIMITS.maxTransfers): the status line's bar. */
  readonly receiving = new Map<number, TransferView>();

  constructor(
    private readonly now: () => number = Date.now,
    scrollback: number = LIMITS_UI.scrollback,
  ) {
    super(scrollback);
    this.conversations.onOpen = (view, before) => {
      if (view.peer === null || view.peer.startsWith('#')) return;
      for (const line of this.pastOf(view.peer))
        if (line.at < before) view.log.push({ kind: 'past', at: line.at, text: line.text });
    };
  }

  /** A transfer moved or ended (issue 23). */
  file(view: TransferView): void {
    if (view.state === 'receiving') this.receiving.set(view.id, view);
    else this.receiving.delete(view.id);
    this.changed();
  }

  /** A conversation's recent history (the screen reads it from the history file). */
  pastOf: (peer: string) => { at: number; text: string }[] = () => [];

  /** Every line, as view 1 shows it. */
  get log(): LogEntry[] {
    return this.conversations.all.log;
  }

  /** The latest notice, handed over once (the view notifies with it, then it is gone). */
  takeNotice(): { title: string; text: string } | null {
    const notice = this.notice;
    this.notice = null;
    return notice;
  }

  /** Messages naming one of `words` (your name, `--highlight`) are highlights. */
  highlightWith(isHighlight: (text: string) => boolean): void {
    this.isHighlight = isHighlight;
  }

  past(at: number, text: string): void {
    this.conversations.route({
      entry: { kind: 'past', at, text },
      peer: null,
      message: false,
      highlight: false,
      open: false,
    });
    this.changed();
  }

  /**
   * peer-tui's own line: in view 1, in the view of the peer it is `about` (a join, a
   * leave) and, with `here`, in the view on screen (a command's answer).
   */
  system(
    text: string,
    level: 'info' | 'warn' | 'error' = 'info',
    where: { about?: string; here?: boolean } = {},
  ): void {
    const entry: LogEntry = { kind: 'system', at: this.now(), text, level };
    const peer = where.about ?? null;
    this.conversations.route({ entry, peer, message: false, highlight: false, open: false });
    const current = this.conversations.current;
    if (where.here === true && current.peer !== null && current.peer !== peer)
      current.append(entry);
    this.changed();
  }

  chat(message: ChatMessage): void {
    this.messagesIn += 1;
    this.traffic.bump('in');
    const highlight = this.isHighlight(message.text);
    const key = message.from.key;
    const known = this.peers.get(key);
    // Your name for it, if you gave one (`/alias`), instead of the one it claims.
    const name = known ? shownName({ name: message.name, alias: known.alias }) : message.name;
    // `/me` from any implementation arrives as `* NAME text`.
    const actionPrefix = `* ${message.name} `;
    const action = message.name !== '' && message.text.startsWith(actionPrefix);
    const elsewhere = this.conversations.route({
      entry: {
        kind: 'chat',
        at: message.at,
        from: key,
        name,
        text: action ? message.text.slice(actionPrefix.length) : message.text,
        headerMatchesSource: message.headerMatchesSource,
        ...(action ? { action } : {}),
        ...(message.room === undefined ? {} : { room: message.room }),
        verified: message.verified,
        highlight,
        ...(message.backlog === true ? { earlier: true } : {}),
      },
      // A room's messages are its view's; a direct message is its sender's.
      peer: message.room ?? key,
      // What was said before we came is no activity to point at.
      message: message.backlog !== true,
      highlight: highlight && message.backlog !== true,
      open: true,
      title: message.room ?? (name === '' ? key : name),
    });
    if (highlight || elsewhere) this.alerts += 1;
    if (elsewhere) this.notice = { title: `${elsewhere.title} (${key})`, text: message.text };
    this.changed();
  }

  /** An own message, shown at once; its delivery events find it by `id`. */
  own(to: Address, text: string, id: string): void {
    const entry: LogEntry = { kind: 'own', id, at: this.now(), to: to.key, text, state: 'sending' };
    this.conversations.route({
      entry,
      peer: to.key,
      message: false,
      highlight: false,
      open: false,
    });
    this.changed();
  }

  /** Our own line from an earlier run, in a room's backlog. */
  ownEarlier(room: string, text: string, at: number): void {
    const entry: LogEntry = {
      kind: 'own',
      id: '',
      at,
      to: room,
      text,
      state: 'sent',
      earlier: true,
    };
    this.conversations.route({ entry, peer: room, message: false, highlight: false, open: false });
    this.changed();
  }

  /** An own line to a room: one entry, whose copies' deliveries count up. */
  ownInRoom(room: string, text: string, ids: string[]): void {
    const copies = new Map(ids.map((id): [string, DeliveryState] => [id, 'sending']));
    const entry: LogEntry = {
      kind: 'own',
      id: ids[0] ?? '',
      at: this.now(),
      to: room,
      text,
      state: 'sending',
      copies,
    };
    this.conversations.route({ entry, peer: room, message: false, highlight: false, open: false });
    this.changed();
  }

  /**
   * A delivery changed state. Returns false when no own message on screen has that id
   * (one restored from an earlier run, or scrolled out of the scrollback).
   */
  delivery(delivery: Delivery): boolean {
    if (delivery.state === 'sent' && delivery.kind === 'chat') {
      this.messagesOut += 1;
      this.traffic.bump('out');
    }
    const entry = this.findOwn(delivery.id);
    if (entry?.copies) entry.copies.set(delivery.id, delivery.state);
    else if (entry) {
      entry.state = delivery.state;
      if (delivery.error !== undefined) entry.error = delivery.error;
    }
    this.changed();
    return entry !== undefined;
  }

  peer(peer: PeerSnapshot): void {
    this.peers.upsert(peer);
    this.changed();
  }

  /** Forgotten by the core to make room (LIMITS.maxPeers): gone from the panel too. */
  forget(key: string): void {
    if (this.peers.remove(key)) this.changed();
  }

  /** The panel's filter (`/filter TEXT`, or `/` in the panel); '' shows every peer. */
  filterPeers(text: string): void {
    this.peers.setFilter(text);
    this.changed();
  }

  /** The panel's selection (keys, a click), drawn with the next render. */
  selectPeer(change: (peers: PeerList) => void): void {
    change(this.peers);
    this.changed();
  }

  /** Starts a new traffic bucket (an all-quiet graph stays as drawn: no render). */
  tick(): void {
    if (this.traffic.tick()) this.changed();
  }

  private findOwn(id: string): Extract<LogEntry, { kind: 'own' }> | undefined {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const entry = this.log[i];
      if (entry?.kind === 'own' && (entry.id === id || entry.copies?.has(id) === true))
        return entry;
    }
    return undefined;
  }
}
