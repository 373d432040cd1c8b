import type { ChatMessage, Delivery } from '../core/events';
import type { PeerSnapshot } from '../core/peer-table';
import type { Address } from '../protocol/address';
import { PeerList } from './peer-list';

export type DeliveryState = 'sending' | Delivery['state'];

export type LogEntry =
  | {
      kind: 'chat';
      at: number;
      from: string;
      name: string;
      text: string;
      headerMatchesSource: boolean;
    }
  | {
      kind: 'own';
      id: string;
      at: number;
      to: string;
      text: string;
      state: DeliveryState;
      error?: string;
    }
  | { kind: 'system'; at: number; text: string; level: 'info' | 'warn' | 'error' }
  /** A line from the history of an earlier run (already sanitised text). */
  | { kind: 'past'; at: number; text: string };

export interface Traffic {
  in: number[];
  out: number[];
}

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
export class ChatModel {
  readonly log: LogEntry[] = [];
  /** Most recently active first, windowed for the panel (app/peer-list.ts). */
  readonly peers = new PeerList();
  readonly traffic: Traffic = { in: [0], out: [0] };
  target: Address | null = null;
  /** Log lines hidden below the view because the user scrolled up; 0 = following. */
  scrollOffset = 0;
  unseenBelow = 0;
  messagesIn = 0;
  messagesOut = 0;
  version = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly scrollback: number = LIMITS_UI.scrollback,
  ) {}

  past(at: number, text: string): void {
    this.append({ kind: 'past', at, text });
  }

  system(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.append({ kind: 'system', at: this.now(), text, level });
  }

  chat(message: ChatMessage): void {
    this.messagesIn += 1;
    this.bump('in');
    this.append({
      kind: 'chat',
      at: message.at,
      from: message.from.key,
      name: message.name,
      text: message.text,
      headerMatchesSource: message.headerMatchesSource,
    });
  }

  /** An own message, shown at once; its delivery events find it by `id`. */
  own(to: Address, text: string, id: string): void {
    this.append({ kind: 'own', id, at: this.now(), to: to.key, text, state: 'sending' });
  }

  /**
   * A delivery changed state. Returns false when no own message on screen has that id
   * (one restored from an earlier run, or scrolled out of the scrollback).
   */
  delivery(delivery: Delivery): boolean {
    if (delivery.state === 'sent' && delivery.kind === 'chat') {
      this.messagesOut += 1;
      this.bump('out');
    }
    const entry = this.findOwn(delivery.id);
    if (entry) {
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

  setTarget(target: Address | null): void {
    this.target = target;
    this.changed();
  }

  /** Scrolls by `lines` (positive = up, back in time), clamped to the scrollback. */
  scroll(lines: number): void {
    const offset = Math.max(
      0,
      Math.min(this.scrollOffset + lines, Math.max(0, this.log.length - 1)),
    );
    if (offset === this.scrollOffset) return;
    this.scrollOffset = offset;
    if (offset === 0) this.unseenBelow = 0;
    this.changed();
  }

  scrollToEnd(): void {
    this.scroll(-this.scrollOffset);
  }

  /** Starts a new traffic bucket; the oldest falls off. An all-quiet graph stays as drawn. */
  tick(): void {
    const quiet = [...this.traffic.in, ...this.traffic.out].every((count) => count === 0);
    for (const series of [this.traffic.in, this.traffic.out]) {
      series.push(0);
      if (series.length > LIMITS_UI.trafficBuckets) series.shift();
    }
    if (!quiet) this.changed();
  }

  private findOwn(id: string): Extract<LogEntry, { kind: 'own' }> | undefined {
    for (let i = this.log.length - 1; i >= 0; i--) {
      const entry = this.log[i];
      if (entry?.kind === 'own' && entry.id === id) return entry;
    }
    return undefined;
  }

  private bump(direction: 'in' | 'out'): void {
    const series = this.traffic[direction];
    series[series.length - 1] = (series[series.length - 1] ?? 0) + 1;
  }

  private append(entry: LogEntry): void {
    this.log.push(entry);
    // Drop in slices so a full log does not shift its whole array on every line.
    if (this.log.length > this.scrollback + 100)
      this.log.splice(0, this.log.length - this.scrollback);
    if (this.scrollOffset > 0) {
      // Hold the view still while the user reads back.
      this.scrollOffset = Math.min(this.scrollOffset + 1, this.log.length - 1);
      this.unseenBelow += 1;
    }
    this.changed();
  }

  /** Called after every change (the view schedules a render). */
  subscribe(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
