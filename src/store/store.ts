import { accessSync, constants, mkdirSync } from 'node:fs';
import type { OutboxJournal, PeerNode } from '../node/node';
import type { Outgoing } from '../node/outbox/outgoing';
import { History } from './history';
import { IgnoredFile } from './ignored-file';
import { KnownPeers } from './known-peers';
import { OutboxFile } from './outbox-journal';
import { TransfersFile } from './transfers-file';

export interface StoreOptions {
  dir: string;
  /** `--no-history`: keep the outbox and peers, write no history. */
  history: boolean;
}

/**
 * Everything peer-tui keeps on disk for one identity: history, outbox, known peers.
 * A folder that cannot be written gives one warning and the chat goes on without it.
 */
export class Store implements OutboxJournal {
  readonly history: History | undefined;
  private readonly outbox: OutboxFile;
  private readonly peers: KnownPeers;
  private readonly ignored: IgnoredFile;
  /** Files being received, received and ours (issue 23), kept across restarts. */
  readonly transfers: TransfersFile;
  private failure: ((message: string) => void) | undefined;
  private reported = false;

  private constructor(
    readonly dir: string,
    history: boolean,
  ) {
    const onError = (error: Error): void => this.fail(error.message);
    this.history = history ? new History(dir, onError) : undefined;
    this.outbox = new OutboxFile(dir, onError);
    this.peers = new KnownPeers(dir, onError);
    this.ignored = new IgnoredFile(dir, onError);
    this.transfers = new TransfersFile(dir, onError);
  }

  /** The keys you ignore, as kept (given to the node when it is made). */
  ignoredKeys(): string[] {
    return this.ignored.load();
  }

  /** The store, or why there is none. */
  static open(options: StoreOptions): Store | { error: string } {
    try {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      accessSync(options.dir, constants.W_OK);
      return new Store(options.dir, options.history);
    } catch (error) {
      return {
        error: `cannot keep history and outbox in ${options.dir}: ${(error as Error).message}`,
      };
    }
  }

  queued(item: Outgoing): void {
    this.outbox.queued(item);
    this.history?.record({
      t: item.createdAt,
      type: 'out',
      id: item.id,
      peer: item.to.key,
      text: item.text,
    });
  }

  settled(id: string, state: 'sent' | 'failed'): void {
    this.outbox.settled(id, state);
  }

  /**
   * Restores known peers and the outbox of the last run into `node`, then follows it.
   * Returns what was restored, for the front end to say.
   */
  attach(node: PeerNode): { peers: number; waiting: number; failed: number } {
    this.failure = (message) => node.warn({ code: 'E_STORE', message });
    let restored = { peers: 0, waiting: 0, failed: 0 };
    try {
      const peers = this.peers.restoreInto(node);
      const { waiting, failed } = this.outbox.load();
      node.restore(waiting, failed);
      restored = { peers, waiting: waiting.length, failed: failed.length };
    } catch (error) {
      this.fail((error as Error).message);
    }
    this.history?.follow(node);
    this.peers.follow(node);
    node.on('ignored', (keys) => this.ignored.save(keys));
    return restored;
  }

  /** Writes everything queued (history, outbox, new peers) now: before a line is shown. */
  flush(): void {
    this.history?.flush();
    this.outbox.flush();
    this.peers.flush();
  }

  /** Saves the peers now (quitting). */
  close(node: PeerNode): void {
    try {
      this.peers.save(node);
    } catch (error) {
      this.fail((error as Error).message);
    }
    this.history?.close();
    this.outbox.close();
  }

  private fail(message: string): void {
    if (this.reported) return;
    this.reported = true;
    this.failure?.(`storage stopped: ${message}; the chat goes on without it`);
  }
}
