import { keyPair as makeKeyPair } from 'hypercore-crypto';
import { isKeyAddress, makeAddress, makeKeyAddress, type Address } from '../wire/address';
import { DEFAULT_LINK_VERSION } from '../wire/link';
import type { Delivery, TrustChange } from './events';
import type { DirectCarrier } from './direct-carrier';
import { Inbox, type Emit } from './inbox';
import type { NodeOptions } from './node-options';
import { DEFAULT_RETRY, Outbox } from './outbox/outbox';
import { Router } from './outbox/router';
import { PeerTable } from './peers/peer-table';
import { PeerUpdates } from './peers/peer-updates';
import { Reach } from './peers/reach';
import { Ignored } from './peers/ignored';
import { Recently } from './peers/recently';
import { Trust } from './peers/trust';
import { Rooms } from './rooms';
import { WarningThrottle } from './warning-throttle';
import { newMessageId } from './message-id';
import { FileTransfers } from './files/file-transfers';

/** What the node's parts ask of the node itself. */
export interface NodeSide {
  emit: Emit;
  /** The port we listen on (0 before `start`). */
  port(): number;
}

export interface NodeParts {
  peers: PeerTable;
  reach: Reach;
  updates: PeerUpdates;
  trust: Trust;
  publicKey: string;
  direct: DirectCarrier;
  rooms: Rooms;
  outbox: Outbox;
  inbox: Inbox;
  throttle: WarningThrottle;
  ignored: Ignored;
  files: FileTransfers;
}

/**
 * The node's parts, each given what it asks of the others: the peer table and its rules,
 * the carriers it was assembled with (options.direct, options.rooms), the router and
 * outbox that send, the inbox that receives. Kept apart from PeerNode, whose file is the
 * public face only.
 */
export function wireNode(options: NodeOptions, side: NodeSide): NodeParts {
  // Parts made below are read only when messages move, after this function returns.
  // eslint-disable-next-line prefer-const -- assigned below, once the router exists
  let outbox: Outbox;
  // eslint-disable-next-line prefer-const -- assigned below, once the carriers exist
  let inbox: Inbox;
  const { emit } = side;
  const throttle = new WarningThrottle((warning) => emit('warning', warning));
  const peers = new PeerTable({
    maxPeers: options.maxPeers,
    // In a conversation (we wrote to it, or something waits for it) or pinned: never
    // forgotten for room.
    keep: (peer) => peer.messagesOut > 0 || peer.key !== null || outbox.hasQueued(peer.address.key),
    onAdded: (peer) => emit('peer-added', peer),
    onForgotten: (peer) => {
      reach.forget(peer.address.key);
      emit('peer-forgotten', peer);
    },
  });
  const reach = new Reach(options.maxPeers);
  const updates = new PeerUpdates(peers, (peer) => emit('peer-updated', peer));
  const ignored = new Ignored(options.ignored, (keys) => emit('ignored', keys));
  const identity = options.identity ?? makeKeyPair();
  const publicKey = identity.publicKey.toString('hex');
  const trust = new Trust(
    peers,
    publicKey,
    (change) => onTrust(change.change, change.peer.address),
    (warning) => emit('warning', warning),
  );
  /** Senders told of our capability lately: telling them on every message costs a write each. */
  const advertised = new Recently(60_000);
  const direct = options.direct({
    keyPair: identity,
    trust,
    linkVersion: options.linkVersion ?? DEFAULT_LINK_VERSION,
    host: options.host,
    advertise: options.advertise,
    maxInbound: options.maxInbound,
    firstMessageMs: options.firstMessageMs,
    name: () => options.name,
    port: side.port,
    advertiseTo: (fromKey) => advertised.due(fromKey),
    arrived: (message, source) => inbox.accept(message, source),
    rejected: (error, source) => throttle.report({ ...error, sourceIp: source.sourceIp }),
    fileOffered: (from, key, offer) =>
      files.offeredDirect(from.key, { key, name: peers.get(from.key)?.name ?? '' }, offer),
    warn: (warning) => emit('warning', warning),
  });
  const rooms = new Rooms(
    {
      peers,
      keyPair: identity,
      name: () => options.name,
      // Said to members only when definite: a guess would tie the wrong person to them.
      ownAddress: () => {
        const ip = direct.definiteIp();
        return ip === undefined ? undefined : makeAddress(ip, side.port()).key;
      },
      emit,
      release: (address) => outbox.release(address.key),
      arrived: (from, member, message) => inbox.roomMessage(from, member, message),
      newId: newMessageId,
      isIgnored: (key) => ignored.has(key),
      fileOffered: (room, member, offer, backlog) => {
        const from = { key: member.key, name: member.name };
        if (room !== null) files.offered(room, from, offer, backlog);
        else files.offeredDirect(`@${member.key}`, from, offer);
      },
      // Its files, and those of members by key waiting for the room carrier.
      joinedRoom: (room) => {
        files.resume(room);
        files.resume(null);
      },
    },
    options.rooms,
  );
  const files = new FileTransfers(
    {
      emit,
      rooms: () => rooms.files,
      post: (room, offer) => rooms.postFile(room, offer),
      offerToMember: (key, offer) => rooms.offerFile(key, offer),
      direct: direct.files,
      ownKey: publicKey,
      ownName: () => options.name,
    },
    options.files,
  );
  const router = new Router({
    get name() {
      return options.name;
    },
    own: (socket) => ({
      addressKey: direct.ownAddressKey(socket),
      port: side.port(),
      name: options.name,
    }),
    reach,
    onCapability: (target, name) => peers.named(target, name),
    sourceFor: (target) => direct.sourceFor(target),
    negotiation: direct.policy,
    carriers: direct.carriers,
    rooms,
  });
  outbox = new Outbox(
    router,
    (delivery) => {
      if (delivery.state === 'sent') afterSent(delivery);
      if (delivery.kind === 'chat' && delivery.state !== 'queued')
        options.journal?.settled(delivery.id, delivery.state);
      emit('delivery', delivery);
    },
    options.retry ?? DEFAULT_RETRY,
  );
  inbox = new Inbox(peers, emit, updates, (from) => direct.isOwnAddress(from), ignored, reach);
  return {
    peers,
    reach,
    updates,
    trust,
    publicKey,
    direct,
    rooms,
    outbox,
    inbox,
    throttle,
    ignored,
    files,
  };

  /** Every trust change is an event; an accepted key sends what waited for it, once. */
  function onTrust(change: TrustChange['change'], address: Address): void {
    const peer = peers.get(address.key);
    if (!peer) return;
    if (change === 'pinned') oneEntry(address, peer.key);
    emit('trust', { change, peer });
    if (change === 'accepted') outbox.release(address.key);
    updates.changed(address.key);
  }

  /**
   * A room member first known by its key, whose key is now pinned at a TCP address: the
   * same person, one entry (its rooms carried over). One with a conversation of its own
   * under the key (written to, or waiting) keeps it.
   */
  function oneEntry(address: Address, key: string | null): void {
    if (key === null || isKeyAddress(address)) return;
    const byKey = peers.get(makeKeyAddress(key).key);
    if (!byKey || byKey.messagesOut > 0 || outbox.hasQueued(byKey.address.key)) return;
    const here = peers.get(address.key);
    // Present in a room, so listed: the entry that stays is too.
    if (byKey.state === 'listed' && here?.state !== 'listed')
      peers.heardFrom(address, byKey.name, address.ip, false, true);
    peers.setRooms(address, [...new Set([...(here?.rooms ?? []), ...byKey.rooms])]);
    peers.remove(byKey.address.key);
  }

  /** A chat sent counts for its peer; a connect answered lists the peer. */
  function afterSent(delivery: Delivery): void {
    if (delivery.kind === 'chat') {
      peers.countOut(delivery.to);
      updates.changed(delivery.to.key);
    }
    if (delivery.kind !== 'connect') return;
    const { peer, joined } = peers.reached(delivery.to);
    emit(joined ? 'peer-joined' : 'peer-updated', peer);
  }
}
