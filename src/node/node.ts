import type { Socket } from 'node:net';
import { keyPair as makeKeyPair } from 'hypercore-crypto';
import { isKeyAddress, makeAddress, type Address } from '../wire/address';
import { DISCOVERY_PORT } from '../wire/assignment/discovery';
import { replyFormFor } from '../wire/assignment/format';
import { LIMITS } from '../wire/limits';
import { DEFAULT_LINK_VERSION } from '../wire/link';
import { SENT_WORDS, classifyWord } from '../wire/assignment/words';
import { directCarriers } from '../carriers/direct';
import { definiteHost, isOwnAddress, ownIp, sourceFor } from '../carriers/tcp/dial';
import { discover, startResponder, type DiscoveryResponder } from '../carriers/tcp/discovery';
import type { Delivery, DeliveryKind, NodeEvents, TrustChange, Warning } from './events';
import { InboundServer } from '../carriers/tcp/inbound-server';
import { LinkNegotiation } from '../carriers/link/link-negotiation';
import type { NodeOptions } from './node-options';
import { DEFAULT_RETRY, Outbox } from './outbox/outbox';
import type { Outgoing } from './outbox/outgoing';
import { PeerTable, type PeerSnapshot } from './peers/peer-table';
import { PeerUpdates } from './peers/peer-updates';
import { Inbox, type Emit } from './inbox';
import { Rooms } from './rooms';
import { Recently } from './peers/recently';
import { Router } from './outbox/router';
import { Trust } from './peers/trust';
import { newMessageId } from './message-id';
import { TypedEmitter } from './typed-emitter';
import { WarningThrottle } from './warning-throttle';

export type { NodeOptions, OutboxJournal } from './node-options';

/**
 * One peer: a server that accepts messages in every form of findings.md, and a client
 * that sends in the form each peer understands. Emits NodeEvents; knows nothing of screens.
 */
export class PeerNode extends TypedEmitter<NodeEvents> {
  readonly peers: PeerTable;
  /** Pinned keys, `/trust` and `/verify` (node/peers/trust.ts). */
  readonly trust: Trust;
  /** This node's public key, 64 hex digits. */
  readonly publicKey: string;
  /** Rooms joined over Hyperswarm (node/rooms.ts). */
  readonly rooms: Rooms;
  private readonly negotiation: LinkNegotiation;
  private readonly inbound: InboundServer;
  /** Inbound connections held at once (below the open-files limit). */
  readonly inboundLimit: number;
  private readonly throttle = new WarningThrottle((warning) => this.emit('warning', warning));
  private readonly outbox: Outbox;
  private readonly inbox: Inbox;
  private responder: DiscoveryResponder | undefined;
  private responderPort: number | undefined;
  private quitting: Promise<void> | undefined;
  /** Senders told of our capability lately: telling them on every message costs a write each. */
  private readonly advertised = new Recently(60_000);
  private boundPort = 0;
  private readonly updates: PeerUpdates;

  constructor(private readonly options: NodeOptions) {
    super();
    this.peers = new PeerTable({
      maxPeers: options.maxPeers,
      // In a conversation (we wrote to it, or something waits for it) or pinned: never
      // forgotten for room.
      keep: (peer) =>
        peer.messagesOut > 0 || peer.key !== null || this.outbox.hasQueued(peer.address.key),
      onAdded: (peer) => this.emit('peer-added', peer),
      onForgotten: (peer) => this.emit('peer-forgotten', peer),
    });
    this.updates = new PeerUpdates(this.peers, (peer) => this.emit('peer-updated', peer));
    const identity = options.identity ?? makeKeyPair();
    this.publicKey = identity.publicKey.toString('hex');
    this.trust = new Trust(
      this.peers,
      this.publicKey,
      (change) => this.onTrust(change.change, change.peer.address),
      (warning) => this.emit('warning', warning),
    );
    this.negotiation = new LinkNegotiation({
      version: options.linkVersion ?? DEFAULT_LINK_VERSION,
      keyPair: identity,
      trust: this.trust,
    });
    this.rooms = new Rooms(
      {
        peers: this.peers,
        keyPair: identity,
        name: () => this.options.name,
        // Said to members only when definite: a guess would tie the wrong person to them.
        ownAddress: () => {
          const ip = options.advertise ?? definiteHost(options.host);
          return ip === undefined ? undefined : makeAddress(ip, this.boundPort).key;
        },
        emit: this.emit.bind(this) as Emit,
        release: (address) => this.outbox.release(address.key),
        arrived: (from, member, message) => this.inbox.roomMessage(from, member, message),
        enqueue: (to, text, room) => {
          const id = newMessageId();
          // Its delivery events say how it went; the promise has nothing more to tell.
          this.enqueue(to, 'chat', text, id, room).catch(() => undefined);
          return id;
        },
      },
      options.rooms,
    );
    const router = new Router({
      get name() {
        return options.name;
      },
      own: (socket) => ({
        addressKey: this.ownAddressKey(socket),
        port: this.boundPort,
        name: options.name,
      }),
      isPeerTui: (target) => this.peers.get(target.key)?.peerTui ?? false,
      formOf: (target) => replyFormFor(this.peers.get(target.key)?.dialect ?? null),
      onCapability: (target, name) => this.peers.markPeerTui(target, name),
      onLinkLost: (target) => this.peers.forgetPeerTui(target.key),
      sourceFor: (target) => sourceFor(options.host, target),
      negotiation: this.negotiation,
      carriers: directCarriers(this.negotiation),
      rooms: this.rooms,
    });
    this.outbox = new Outbox(
      router,
      (delivery) => this.onDelivery(delivery),
      options.retry ?? DEFAULT_RETRY,
    );
    // Bound, not wrapped: a wrapper's rest and spread were paid on every message.
    this.inbox = new Inbox(this.peers, this.emit.bind(this) as Emit, this.updates, (from) =>
      isOwnAddress(from, this.boundPort, [options.host, options.advertise]),
    );
    this.inbound = new InboundServer({
      maxInbound: options.maxInbound,
      connection: {
        selfHeader: (socket) => `${this.ownAddressKey(socket)} ${options.name}`,
        firstMessageMs: options.firstMessageMs,
        advertiseTo: (fromKey) => this.advertised.due(fromKey),
        linkVersion: this.negotiation.version,
      },
      handlers: {
        message: (message, source) => this.inbox.accept(message, source),
        rejected: (error, source) => this.throttle.report({ ...error, sourceIp: source.sourceIp }),
      },
      negotiation: this.negotiation,
      warn: (warning) => this.emit('warning', warning),
    });
    this.inboundLimit = this.inbound.limit;
  }

  get name(): string {
    return this.options.name;
  }

  /**
   * `/nick`: our name from now on, in every header, link and room hello we write (rooms
   * hear it at their next hello).
   */
  rename(name: string): void {
    this.options.name = name;
  }

  /** The port we listen on (known after `start`). */
  get port(): number {
    return this.boundPort;
  }

  /** The UDP port answering discovery, when it is on. */
  get discoveryPort(): number | undefined {
    return this.responderPort;
  }

  /** Starts listening; rejects with the listen error (`EADDRINUSE`, `EACCES`, …). */
  async start(): Promise<void> {
    const bound = await this.inbound.listen(this.options.port, this.options.host);
    this.boundPort = bound.port;
    if (this.options.discoveryPort !== undefined)
      await this.startDiscovery(this.options.discoveryPort);
    this.emit('listening', bound);
  }

  /**
   * Sends text; the text `exit` (or another leave word) is sent as a leave. Resolves with
   * the first outcome: `sent`, `failed`, or `queued` (unreachable; retried, later states
   * come as `delivery` events). `id` lets a caller follow the message from the start.
   */
  send(to: Address, text: string, id: string = newMessageId()): Promise<Delivery> {
    const kind: DeliveryKind = classifyWord(text) === 'leave' ? 'leave' : 'chat';
    this.known(to);
    return this.enqueue(to, kind, text, id);
  }

  /** `/alias`: a name of your own for a peer (null removes it); kept with the peer. */
  setAlias(to: Address, alias: string | null): PeerSnapshot {
    const peer = this.peers.setAlias(to, alias);
    this.emit('peer-aliased', peer);
    return peer;
  }

  /** Reports a problem of a part outside the core (storage) the way the core reports its own. */
  warn(warning: Warning): void {
    this.emit('warning', warning);
  }

  /** Chat messages waiting for unreachable peers, and those that gave up. */
  outboxState(): { waiting: Outgoing[]; failed: Outgoing[] } {
    return { waiting: this.outbox.waiting(), failed: this.outbox.failed() };
  }

  /** Sends every failed message again; returns how many. */
  retryFailed(): number {
    return this.outbox.retryFailed();
  }

  /** Messages a journal kept from an earlier run: waiting ones go out again, in order. */
  restore(waiting: Outgoing[], failed: Outgoing[]): void {
    for (const item of failed) this.outbox.keepFailed(item);
    for (const item of waiting) {
      this.peers.know(item.to);
      // Its delivery events say how it went.
      this.outbox.send(item).catch(() => undefined);
    }
  }

  /** The bonus connect: greet one peer, or every peer we know; each reached is listed. */
  connect(to?: Address): Promise<Delivery[]> {
    if (to) this.known(to);
    const targets = to ? [to] : this.peers.all().map((peer) => peer.address);
    return Promise.all(
      targets.map((target) => this.enqueue(target, 'connect', SENT_WORDS.connect)),
    );
  }

  /** Asks `ip` over UDP who is online; each answer becomes a known peer. */
  async discover(
    ip: string,
    udpPort: number = DISCOVERY_PORT,
    waitMs = 1000,
  ): Promise<PeerSnapshot[]> {
    const found = await discover(ip, udpPort, waitMs);
    return found.map(({ address, name }) => {
      this.peers.know(address);
      const peer = this.peers.named(address, name);
      this.emit('discovered', peer);
      return peer;
    });
  }

  /**
   * Tells every peer that may list us that we leave, waits for those sends (bounded), then
   * closes. Idempotent: a second call (a signal during a menu quit) waits for the first.
   */
  quit(graceMs: number = LIMITS.quitGraceMs): Promise<void> {
    this.quitting ??= (async () => {
      const leaves = this.mayListUs().map((peer) =>
        this.enqueue(peer.address, 'leave', SENT_WORDS.leave),
      );
      // Messages already on the wire finish too: a connection opened must carry its bytes.
      await Promise.race([Promise.allSettled([...leaves, this.outbox.settled()]), delay(graceMs)]);
      await this.close();
    })();
    return this.quitting;
  }

  /**
   * Who lists us, as far as we can tell: the peers listed here (they wrote to us), and
   * those we wrote or connected to in this run (a receiver lists its sender), unless they
   * have left. Room members hear of it over their room connections instead.
   */
  private mayListUs(): PeerSnapshot[] {
    return this.peers
      .all()
      .filter(
        (peer) =>
          !isKeyAddress(peer.address) &&
          (peer.state === 'listed' ||
            (peer.state !== 'left' && (peer.messagesOut > 0 || peer.connected))),
      );
  }

  /** Stops without telling anyone. */
  async close(): Promise<void> {
    this.outbox.close();
    await this.rooms.close();
    this.responder?.close();
    this.responder = undefined;
    this.throttle.close();
    return this.inbound.close();
  }

  private enqueue(
    to: Address,
    kind: DeliveryKind,
    text: string,
    id = newMessageId(),
    room?: string,
  ): Promise<Delivery> {
    const item: Outgoing = {
      id,
      to,
      kind,
      text,
      createdAt: Date.now(),
      ...(room === undefined ? {} : { room }),
    };
    if (kind === 'chat') this.options.journal?.queued(item);
    return this.outbox.send(item);
  }

  private onDelivery(delivery: Delivery): void {
    if (delivery.state === 'sent') this.afterSent(delivery);
    if (delivery.kind === 'chat' && delivery.state !== 'queued') {
      this.options.journal?.settled(delivery.id, delivery.state);
    }
    this.emit('delivery', delivery);
  }

  /** Every trust change is an event; an accepted key sends what waited for it, once. */
  private onTrust(change: TrustChange['change'], address: Address): void {
    const peer = this.peers.get(address.key);
    if (!peer) return;
    this.emit('trust', { change, peer });
    if (change === 'accepted') this.outbox.release(address.key);
    this.updates.changed(address.key);
  }

  private afterSent(delivery: Delivery): void {
    if (delivery.kind === 'chat') {
      this.peers.countOut(delivery.to);
      this.updates.changed(delivery.to.key);
    }
    if (delivery.kind !== 'connect') return;
    const { peer, joined } = this.peers.reached(delivery.to);
    this.emit(joined ? 'peer-joined' : 'peer-updated', peer);
  }

  private async startDiscovery(udpPort: number): Promise<void> {
    const started = await startResponder(
      udpPort,
      this.options.host,
      () => ({ port: this.boundPort, name: this.options.name }),
      (error) => this.emit('warning', { code: 'E_SOCKET', message: `discovery: ${error.message}` }),
    );
    if ('error' in started)
      return this.emit('warning', { code: 'E_SOCKET', message: started.error });
    this.responder = started.responder;
    this.responderPort = started.port;
  }

  /** A peer we write to is known from now on. */
  private known(to: Address): void {
    this.peers.know(to);
    this.updates.changed(to.key);
  }

  private ownAddressKey(socket: Socket): string {
    return makeAddress(ownIp(socket, this.options.advertise), this.boundPort).key;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
