import { hash } from 'hypercore-crypto';
import { crypto_generichash } from 'sodium-universal';
import { LIMITS } from './limits';

/**
 * A LAN beacon: one UDP multicast datagram saying "a member of some rooms is here, its key
 * and its DHT node's port", so members on one LAN meet with no DHT at all (issue 22):
 *
 *   peer-tui-lan 1 <key: 64 hex> <dht port> <nonce: 32 hex> <proof: 64 hex>...
 *
 * One proof per room, each a keyed BLAKE2b of the rest under a secret only those who know
 * the room's name can make (not its DHT topic, which DHT nodes see). A listener learns
 * nothing of rooms it is not in; a fresh nonce each time keeps two beacons' proofs apart.
 */
const MAGIC = 'peer-tui-lan 1';
const LINE = /^peer-tui-lan 1 ([0-9a-f]{64}) (\d{1,5}) ([0-9a-f]{32})((?: [0-9a-f]{64})+)$/;

export interface Beacon {
  key: string;
  dhtPort: number;
  nonce: string;
  proofs: string[];
}

/** The secret a room's beacon proofs are keyed with: its name's, never its topic. */
export function beaconSecret(room: string): Buffer {
  return hash(Buffer.from(`peer-tui lan beacon ${room}`));
}

export function beaconProof(secret: Buffer, key: string, dhtPort: number, nonce: string): string {
  const out = Buffer.alloc(32);
  crypto_generichash(out, Buffer.from(`${key} ${dhtPort} ${nonce}`), secret);
  return out.toString('hex');
}

export function formatBeacon(beacon: Beacon): Buffer {
  const { key, dhtPort, nonce, proofs } = beacon;
  return Buffer.from(`${MAGIC} ${key} ${dhtPort} ${nonce} ${proofs.join(' ')}`);
}

/** The most a beacon can be: one proof per room we may be in. */
export const MAX_BEACON_BYTES = MAGIC.length + 1 + 64 + 6 + 33 + 65 * LIMITS.maxRooms;

/** A datagram read as a beacon, or null: anything else on the port is ignored. */
export function parseBeacon(datagram: Buffer): Beacon | null {
  if (datagram.length > MAX_BEACON_BYTES) return null;
  const match = LINE.exec(datagram.toString('latin1'));
  if (!match) return null;
  const [, key, port, nonce, proofs] = match;
  const dhtPort = Number(port);
  if (!key || !nonce || !proofs || dhtPort < 1 || dhtPort > 65_535) return null;
  const list = proofs.trim().split(' ');
  if (list.length > LIMITS.maxRooms) return null;
  return { key, dhtPort, nonce, proofs: list };
}

/** The rooms (of `secrets`, by name) a beacon proves its sender is in. */
export function roomsProved(beacon: Beacon, secrets: Map<string, Buffer>): string[] {
  const { key, dhtPort, nonce, proofs } = beacon;
  return [...secrets]
    .filter(([, secret]) => proofs.includes(beaconProof(secret, key, dhtPort, nonce)))
    .map(([room]) => room);
}
