import type { Address } from '../wire/address';
import { DISCOVERY_PORT } from '../wire/assignment/discovery';
import { LIMITS } from '../wire/limits';
import { SENT_WORDS, classifyWord } from '../wire/assignment/words';
import type { Delivery, DeliveryKind, NodeEvents, Warning } from './events';
import type { DirectCarrier } from './direct-carrier';
import type { Emit } from './inbox';
import type { NodeOptions } from './node-options';
import type { Outbox } from './outbox/outbox';
import type { PeerSnapshot, PeerTable } from './peers/peer-table';
import type { PeerUpdates } from './peers/peer-updates';
import type { Reach } from './peers/reach';
import type { Trust } from './peers/trust';
import type { Rooms } from './rooms';
import type { WarningThrottle } from './warning-throttle';
import type { Ignored } from './peers/ignored';
import type { FileTransfers } from './files/file-transfers';
import { wireNode } from './wiring';
import { mayListUs } from './peers/may-list-us';
import { delay } from '../util/delay';
import type { Outgoing } from './outbox/outgoing';
import { newMessageId } from './message-id';
import { TypedEmitter } from './typed-emitter';

export type { NodeOptions, OutboxJournal } from './node-options';

/**
 * One peer: a server that accepts messages in every form of findings.md, and a client
 * that sends in the form each peer understands. Emits NodeEvents; knows nothing of screens.
 */
export class PeerNode extends TypedEmitter<NodeEvents> {
  readonly peers: PeerTable;
  /** How each peer is reached: its answers, its form, the channels held (node/peers/reach.ts). */
  readonly reach: Reach;
  /** Pinned keys, `/trust` and `/verify` (node/peers/trust.ts). */
  readonly trust: Trust;
  /** This node's public key, 64 hex digits. */
  readonly publicKey: string;
  /** Rooms joined over Hyperswarm (node/rooms.ts). */
  readonly rooms: Rooms;
  private readonly direct: DirectCarrier;
  /** Inbound connections held at once (below the open-files limit). */
  readonly inboundLimit: number;
  private readonly throttle: WarningThrottle;
  /** Members you ignore (`/ignore`), by key. */
  readonly ignored: Ignored;
  /** Files offered and received (node/files/file-transfers.ts, issue 23). */
  readonly files: FileTransfers;
  private readonly outbox: Outbox;
  private responderPort: number | undefined;
  private quitting: Promise<void> | undefined;
  private boundPort = 0;
  private readonly updates: PeerUpdates;

  constructor(private readonly options: NodeOptions) {
    super();
    const parts = wireNode(options, {
      // Bound, not wrapped: a wrapper's rest and spread were paid on every message.
      emit: this.emit.bind(this) as Emit,
      port: () => this.boundPort,
    });
    ({
      peers: this.peers,
      reach: this.reach,
      updates: this.updates,
      trust: this.trust,
      publicKey: this.publicKey,
      direct: this.direct,
      rooms: this.rooms,
      outbox: this.outbox,
      throttle: this.throttle,
      ignored: this.ignored,
      files: this.files,
    } = parts);
    this.inboundLimit = this.direct.inboundLimit;
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
    const bound = await this.direct.listen(this.options.port, this.options.host);
    this.boundPort = bound.port;
    if (this.options.discoveryPort !== undefined)
      await this.startDiscovery(this.options.discoveryPort);
    // Files between two peer-tui from the last run go on (a room's, at its join).
    this.files.resume(null);
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

  /** `/ignore`: nothing this key writes is shown, its room logs are no longer kept. */
  ignore(key: string): boolean {
    if (!this.ignored.add(key)) return false;
    this.rooms
      .ignore(key)
      .catch((error: Error) => this.warn({ code: 'E_ROOM', message: error.message }));
    return true;
  }

  /** `/unignore`: shown again; its logs are followed from its next hello. */
  unignore(key: string): boolean {
    return this.ignored.remove(key);
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
    const found = await this.direct.discover(ip, udpPort, waitMs);
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
      const leaves = mayListUs(this.peers.all()).map((peer) =>
        this.enqueue(peer.address, 'leave', SENT_WORDS.leave),
      );
      // Messages already on the wire finish too: a connection opened must carry its bytes.
      await Promise.race([Promise.allSettled([...leaves, this.outbox.settled()]), delay(graceMs)]);
      await this.close();
    })();
    return this.quitting;
  }

  /** Stops without telling anyone. */
  async close(): Promise<void> {
    this.outbox.close();
    this.files.close();
    await this.rooms.close();
    this.throttle.close();
    return this.direct.close();
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

  private async startDiscovery(udpPort: number): Promise<void> {
    const started = await this.direct.answerDiscovery(udpPort);
    if ('error' in started)
      return this.emit('warning', { code: 'E_SOCKET', message: started.error });
    this.responderPort = started.port;
  }

  /** A peer we write to is known from now on. */
  private known(to: Address): void {
    this.peers.know(to);
    this.updates.changed(to.key);
  }
}
