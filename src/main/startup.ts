import { join } from 'node:path';
import type { KeyPair } from 'hypercore-crypto';
import type { CliOptions } from './cli-options';
import { assembleNode, swarmRooms } from './assemble';
import { DEFAULT_RETRY } from '../node/outbox/outbox';
import { DISCOVERY_PORT } from '../wire/assignment/discovery';
import { LIMITS } from '../wire/limits';
import { loadIdentity } from '../store/identity';
import { dataDirFor, defaultDownloadsDir } from '../store/paths';
import { downloadsFolder } from '../store/downloads';
import { count } from '../app/lines';
import { Store } from '../store/store';
import type { Note, Started } from '../app/started';

export type { Note, Started } from '../app/started';

/** A key file that cannot be used stops the start: peers pinned the key it should hold. */
export class KeyFileError extends Error {
  readonly code = 'E_KEY_FILE';
}

/**
 * The identity's key pair from its data folder; without a folder, a key for this run only
 * (peers that pin it will see a new key next time: said once).
 */
function identityFor(store: Store | undefined, notes: Note[]): KeyPair | undefined {
  if (!store) {
    notes.push({
      text: 'warning E_KEY_FILE: no data folder, so a new key for this run only; peer-tui peers that pinned your old key will refuse this one',
      level: 'warn',
    });
    return undefined;
  }
  const loaded = loadIdentity(store.dir);
  if (!loaded.ok) throw new KeyFileError(loaded.message);
  return loaded.keyPair;
}

/**
 * Builds and starts the node for a name and port: opens the identity's store, restores
 * known peers and the outbox, and starts listening. Rejects with the listen error.
 */
export function makeStarter(options: CliOptions): (name: string, port: number) => Promise<Started> {
  return async (name, port) => {
    const opened = Store.open({
      dir: dataDirFor(name, port, options.dataDir),
      history: options.keepHistory,
    });
    const store = opened instanceof Store ? opened : undefined;
    const notes: Note[] =
      opened instanceof Store
        ? []
        : [
            {
              text: `warning E_STORE: ${opened.error}; the chat goes on without it`,
              level: 'warn',
            },
          ];
    const identity = identityFor(store, notes);
    const node = assembleNode({
      name,
      port,
      host: options.host,
      advertise: options.advertise,
      discoveryPort: options.discovery ? DISCOVERY_PORT : undefined,
      retry: { ...DEFAULT_RETRY, giveUpAfterMs: options.giveUpMs },
      journal: store,
      maxInbound: options.maxConnections,
      identity,
      linkVersion: options.linkVersion,
      ignored: store?.ignoredKeys(),
      rooms: swarmRooms(
        {
          bootstrap: options.dhtBootstrap,
          host: options.dhtHost,
          relays: options.relays,
          lanPort: options.lanPort,
        },
        {
          storage: store ? join(store.dir, 'rooms') : undefined,
          backlog: options.roomBacklog,
          roomPeers: options.roomPeers,
        },
      ),
      files: {
        downloads: downloadsFolder(
          options.downloads ?? defaultDownloadsDir(dataDirFor(name, port, options.dataDir)),
        ),
        journal: store?.transfers,
        autoAccept: options.autoAccept,
        fileMax: options.fileMax,
        filesTotal: options.filesTotal,
      },
    });
    await node.start();
    if (options.maxConnections === undefined && node.inboundLimit < LIMITS.maxInbound) {
      notes.push({
        text: `warning E_FD_LIMIT: the open-files limit allows ${node.inboundLimit} inbound connections at once (ulimit -n raises it); past that the longest idle make room`,
        level: 'warn',
      });
    }
    if (store) {
      const restored = store.attach(node);
      if (restored.peers + restored.waiting + restored.failed > 0) {
        notes.push({
          text: `restored ${count(restored.peers, 'known peer')}, ${count(restored.waiting, 'waiting message')}, ${restored.failed} failed (/retry sends them)`,
          level: 'info',
        });
      }
      // Last-moment save of the peers; history and outbox are already on disk.
      process.once('exit', () => store.close(node));
    }
    for (const room of options.rooms) {
      const refused = node.rooms.join(room);
      if (refused !== null) notes.push({ text: `warning E_ROOM: ${refused}`, level: 'warn' });
      else notes.push({ text: `joined ${room}: looking for its members`, level: 'info', room });
    }
    return { node, store, notes };
  };
}
