import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { PeerNode } from '../node/node';
import type { PeerSnapshot } from '../node/peers/peer-table';
import { makeKeyAddress, parseAddress, type Address } from '../wire/address';
import type { Result } from '../wire/errors';
import { KEY_HEX } from '../wire/fingerprint';
import { JsonLines, readJsonLines } from './jsonl';

const KnownPeerSchema = z.object({
  address: z.string(),
  name: z.string(),
  lastSeen: z.number(),
  /** Written only when set: a name you gave the peer (`/alias`). */
  alias: z.string().optional(),
  /** Its pinned key (trust on first use) and when it was pinned; written only when set. */
  key: z.string().regex(KEY_HEX).optional(),
  pinnedAt: z.number().optional(),
  /** You confirmed its `/verify` code. */
  verified: z.literal(true).optional(),
});
const KnownPeersSchema = z.array(KnownPeerSchema);
type KnownPeer = z.infer<typeof KnownPeerSchema>;

/** A peer met, gone or renamed is saved soon; a peer merely heard from again, later. */
const MEMBERSHIP_SAVE_MS = 500;
const ACTIVITY_SAVE_MS = 10_000;

/**
 * peers.json: every peer we have met, with its name and when it was last seen, restored as
 * known. Two files, so that a peer is on disk before anything reports it:
 * - `peers.jsonl`, a journal: a line per new peer, appended with the history and flushed
 *   with it, before the line that shows the peer (or its message, or our send) is shown;
 * - `peers.json`, the snapshot, saved atomically soon after changes settle (asynchronously:
 *   with 10,000 peers a synchronous save held the event loop 10-20 ms) and at exit.
 * A snapshot first moves the journal aside (`peers.jsonl.old`) and deletes it once the
 * snapshot is written, so a crash at any moment leaves every peer in one of the files.
 */
export class KnownPeers {
  readonly path: string;
  private readonly journalPath: string;
  private readonly setAsidePath: string;
  private journal: JsonLines;
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;

  constructor(
    dir: string,
    private readonly onError: (error: Error) => void = () => {},
    private readonly delays = { membershipMs: MEMBERSHIP_SAVE_MS, activityMs: ACTIVITY_SAVE_MS },
  ) {
    this.path = join(dir, 'peers.json');
    this.journalPath = join(dir, 'peers.jsonl');
    this.setAsidePath = `${this.journalPath}.old`;
    this.journal = new JsonLines(this.journalPath, onError);
  }

  /** The snapshot, then the journals on top: a name once known is never blanked. */
  load(): KnownPeer[] {
    const merged = new Map<string, KnownPeer>();
    const journals = [this.setAsidePath, this.journalPath].flatMap((path) =>
      readJsonLines(path, KnownPeerSchema),
    );
    for (const peer of [...this.loadSnapshot(), ...journals]) {
      const before = merged.get(peer.address);
      const alias = peer.alias ?? before?.alias;
      // A later line about trust (a pin, a key accepted) replaces the earlier one whole.
      const trust = peer.key !== undefined ? peer : before;
      merged.set(peer.address, {
        address: peer.address,
        name: peer.name === '' ? (before?.name ?? '') : peer.name,
        lastSeen: Math.max(peer.lastSeen, before?.lastSeen ?? 0),
        ...(alias === undefined ? {} : { alias }),
        ...trustFields(trust),
      });
    }
    return [...merged.values()];
  }

  /** Puts the saved peers into the node's table as known (not listed). */
  restoreInto(node: PeerNode): number {
    const peers = this.load();
    for (const peer of peers) {
      const address = addressOf(peer);
      if (!address.ok) continue;
      node.peers.know(address.value);
      node.peers.named(address.value, peer.name);
      if (peer.alias !== undefined) node.peers.setAlias(address.value, peer.alias);
      if (peer.key !== undefined)
        node.peers.setTrust(address.value, {
          key: peer.key,
          pinnedAt: peer.pinnedAt ?? null,
          verifiedByYou: peer.verified === true,
        });
    }
    return peers.length;
  }

  /** Journals each new peer at once; saves the snapshot after changes settle. */
  follow(node: PeerNode): void {
    node.on('peer-added', (peer) =>
      this.journal.append({
        address: peer.address.key,
        name: peer.name,
        lastSeen: peer.lastSeen,
      } satisfies KnownPeer),
    );
    // A pin is on disk before the line that reports it, as a new peer is.
    node.on('trust', ({ peer }) => this.journal.append(record(peer)));
    for (const event of [
      'peer-added',
      'peer-joined',
      'peer-exited',
      'discovered',
      'peer-aliased',
      'trust',
    ] as const)
      node.on(event, () => this.saveWithin(node, this.delays.membershipMs));
    node.on('peer-updated', () => this.saveWithin(node, this.delays.activityMs));
  }

  /** Writes the journal's queued lines now (before anything shows them). */
  flush(): void {
    this.journal.flush();
  }

  /** Synchronous: for the exit. The snapshot then holds every peer: the journals go. */
  save(node: PeerNode): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Infinity;
    this.journal.flush();
    writeFileAtomic.sync(this.path, this.serialise(node));
    this.journal.close();
    rmSync(this.journalPath, { force: true });
    rmSync(this.setAsidePath, { force: true });
  }

  private loadSnapshot(): KnownPeer[] {
    if (!existsSync(this.path)) return [];
    try {
      const parsed = KnownPeersSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  /** Schedules a save no later than `delayMs` from now (an earlier one stands). */
  private saveWithin(node: PeerNode, delayMs: number): void {
    const due = Date.now() + delayMs;
    if (due >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = setTimeout(() => this.saveSoon(node), delayMs);
    this.timer.unref();
  }

  private saveSoon(node: PeerNode): void {
    this.timer = undefined;
    this.dueAt = Infinity;
    const setAside = this.setAside();
    writeFileAtomic(this.path, this.serialise(node), (error?: Error) => {
      if (error) return this.onError(error);
      if (setAside) rmSync(this.setAsidePath, { force: true });
    });
  }

  /**
   * Moves the journal aside: every peer in it is in the snapshot about to be written. Not
   * while an earlier one is still aside (its snapshot failed or is still being written).
   */
  private setAside(): boolean {
    if (existsSync(this.setAsidePath)) return false;
    this.journal.close();
    try {
      if (existsSync(this.journalPath)) renameSync(this.journalPath, this.setAsidePath);
    } catch (error) {
      this.onError(error as Error);
      return false;
    }
    this.journal = new JsonLines(this.journalPath, this.onError);
    return true;
  }

  /** One peer per line: small, and still easy to read and grep. */
  private serialise(node: PeerNode): string {
    const lines = node.peers.all().map((p) => JSON.stringify(record(p)));
    return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
  }
}

/** Its `IP:PORT`, or, for a room member known by its key only, the key's address. */
function addressOf(peer: KnownPeer): Result<Address> {
  const byKey = peer.key !== undefined ? makeKeyAddress(peer.key) : null;
  if (byKey !== null && byKey.key === peer.address) return { ok: true, value: byKey };
  return parseAddress(peer.address);
}

function record(peer: PeerSnapshot): KnownPeer {
  return {
    address: peer.address.key,
    name: peer.name,
    lastSeen: peer.lastSeen,
    ...(peer.alias === null ? {} : { alias: peer.alias }),
    ...(peer.key === null
      ? {}
      : {
          key: peer.key,
          pinnedAt: peer.pinnedAt ?? peer.lastSeen,
          ...(peer.verifiedByYou ? { verified: true as const } : {}),
        }),
  };
}

function trustFields(peer: KnownPeer | undefined): Partial<KnownPeer> {
  if (peer?.key === undefined) return {};
  return {
    key: peer.key,
    ...(peer.pinnedAt === undefined ? {} : { pinnedAt: peer.pinnedAt }),
    ...(peer.verified === true ? { verified: true } : {}),
  };
}
