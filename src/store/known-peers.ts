import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { PeerNode } from '../core/node';
import { parseAddress } from '../protocol/address';

const KnownPeerSchema = z.object({ address: z.string(), name: z.string(), lastSeen: z.number() });
const KnownPeersSchema = z.array(KnownPeerSchema);
type KnownPeer = z.infer<typeof KnownPeerSchema>;

/** A peer met, gone or renamed is saved soon; a peer merely heard from again, later. */
const MEMBERSHIP_SAVE_MS = 500;
const ACTIVITY_SAVE_MS = 10_000;

/**
 * peers.json: every peer we have met, with its name and when it was last seen. Saved
 * atomically (a crash leaves the old file or the new, never half), restored as known.
 * Saves while running are asynchronous (with 10,000 peers a synchronous save held the
 * event loop 10-20 ms, twice a second under traffic); the last, at exit, is synchronous.
 */
export class KnownPeers {
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;

  constructor(
    dir: string,
    private readonly onError: (error: Error) => void = () => {},
    private readonly delays = { membershipMs: MEMBERSHIP_SAVE_MS, activityMs: ACTIVITY_SAVE_MS },
  ) {
    this.path = join(dir, 'peers.json');
  }

  load(): KnownPeer[] {
    if (!existsSync(this.path)) return [];
    try {
      const parsed = KnownPeersSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  /** Puts the saved peers into the node's table as known (not listed). */
  restoreInto(node: PeerNode): number {
    const peers = this.load();
    for (const peer of peers) {
      const address = parseAddress(peer.address);
      if (!address.ok) continue;
      node.peers.know(address.value);
      node.peers.named(address.value, peer.name);
    }
    return peers.length;
  }

  /** Saves after changes settle, so a burst of messages writes the file once. */
  follow(node: PeerNode): void {
    for (const event of ['peer-joined', 'peer-exited', 'discovered'] as const)
      node.on(event, () => this.saveWithin(node, this.delays.membershipMs));
    node.on('peer-updated', () => this.saveWithin(node, this.delays.activityMs));
  }

  /** Synchronous: for the exit. */
  save(node: PeerNode): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Infinity;
    writeFileAtomic.sync(this.path, this.serialise(node));
  }

  /** Schedules a save no later than `delayMs` from now (an earlier one stands). */
  private saveWithin(node: PeerNode, delayMs: number): void {
    const due = Date.now() + delayMs;
    if (due >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Infinity;
      writeFileAtomic(this.path, this.serialise(node), (error?: Error) => {
        if (error) this.onError(error);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** One peer per line: small, and still easy to read and grep. */
  private serialise(node: PeerNode): string {
    const lines = node.peers.all().map((p) =>
      JSON.stringify({
        address: p.address.key,
        name: p.name,
        lastSeen: p.lastSeen,
      } satisfies KnownPeer),
    );
    return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
  }
}
