import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { PeerNode } from '../core/node';
import { parseAddress } from '../protocol/address';

const KnownPeerSchema = z.object({ address: z.string(), name: z.string(), lastSeen: z.number() });
const KnownPeersSchema = z.array(KnownPeerSchema);
type KnownPeer = z.infer<typeof KnownPeerSchema>;

const SAVE_DELAY_MS = 500;

/**
 * peers.json: every peer we have met, with its name and when it was last seen. Saved
 * atomically (a crash leaves the old file or the new, never half), restored as known.
 */
export class KnownPeers {
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    dir: string,
    private readonly onError: (error: Error) => void = () => {},
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
    const later = (): void => {
      if (this.timer !== undefined) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        try {
          this.save(node);
        } catch (error) {
          this.onError(error as Error);
        }
      }, SAVE_DELAY_MS);
      this.timer.unref();
    };
    for (const event of ['peer-joined', 'peer-exited', 'peer-updated', 'discovered'] as const)
      node.on(event, later);
  }

  save(node: PeerNode): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const peers: KnownPeer[] = node.peers
      .all()
      .map((p) => ({ address: p.address.key, name: p.name, lastSeen: p.lastSeen }));
    writeFileAtomic.sync(this.path, `${JSON.stringify(peers, null, 2)}\n`);
  }
}
