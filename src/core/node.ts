import { createServer, type Server, type Socket } from 'node:net';
import { makeAddress, type Address } from '../protocol/address';
import { DISCOVERY_PORT } from '../protocol/discovery';
import { replyFormFor } from '../protocol/format';
import { LIMITS } from '../protocol/limits';
import type { Incoming, IncomingFrom } from '../protocol/schemas';
import { SENT_WORDS, classifyWord } from '../protocol/words';
import { ownIp } from './dial';
import { discover, DiscoveryResponder } from './discovery';
import type { Delivery, DeliveryKind, NodeEvents } from './events';
import { InboundConnection, type InboundSource } from './inbound';
import { listen } from './listen';
import { Outbox } from './outbox';
import { PeerTable, type PeerSnapshot } from './peer-table';
import { TypedEmitter } from './typed-emitter';

export interface NodeOptions {
  /** Team name written in every header. */
  name: string;
  /** Listening port; 0 picks a free one (tests). */
  port: number;
  /** Bind address; all interfaces (IPv4 and IPv6) when absent. */
  host?: string;
  /** IP written into headers instead of each connection's local address. */
  advertise?: string;
  /** UDP port on which to answer `Who is online?` (usually 50000); off when absent. */
  discoveryPort?: number;
}

/**
 * One peer: a server that accepts messages in every form of findings.md, and a client
 * that sends in the form each peer understands. Emits NodeEvents; knows nothing of screens.
 */
export class PeerNode extends TypedEmitter<NodeEvents> {
  readonly peers = new PeerTable();
  private readonly server: Server;
  private readonly inbound = new Set<InboundConnection>();
  private readonly outbox: Outbox;
  private responder: DiscoveryResponder | undefined;
  private responderPort: number | undefined;
  private nextId = 1;
  private quitting: Promise<void> | undefined;
  private boundPort = 0;

  constructor(private readonly options: NodeOptions) {
    super();
    this.server = createServer(this.onConnection);
    this.outbox = new Outbox({
      name: options.name,
      own: (socket) => ({
        addressKey: this.ownAddressKey(socket),
        port: this.boundPort,
        name: options.name,
      }),
      isPeerTui: (target) => this.peers.get(target.key)?.peerTui ?? false,
      formOf: (target) => replyFormFor(this.peers.get(target.key)?.dialect ?? null),
      onCapability: (target, name) => this.peers.markPeerTui(target, name),
      onLinkLost: (target) => this.peers.forgetPeerTui(target.key),
    });
  }

  get name(): string {
    return this.options.name;
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
    const bound = await listen(this.server, this.options.port, this.options.host);
    this.boundPort = bound.port;
    if (this.options.discoveryPort !== undefined)
      await this.startDiscovery(this.options.discoveryPort);
    // Past start-up, a server error (EMFILE on accept, …) is reported, never fatal.
    this.server.on('error', (error) =>
      this.emit('warning', { code: 'E_SOCKET', message: error.message }),
    );
    this.emit('listening', bound);
  }

  /** Sends text; the text `exit` (or another leave word) is sent as a leave. */
  send(to: Address, text: string): Promise<Delivery> {
    const kind: DeliveryKind = classifyWord(text) === 'leave' ? 'leave' : 'chat';
    this.peers.know(to);
    return this.enqueue(to, kind, text);
  }

  /** The bonus connect: greet one peer, or every peer we know; each reached is listed. */
  connect(to?: Address): Promise<Delivery[]> {
    if (to) this.peers.know(to);
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

  /** Tells every listed peer we leave, waits for those sends (bounded), then closes. */
  /** Idempotent: a second call (a signal during a menu quit) waits for the first. */
  quit(graceMs: number = LIMITS.quitGraceMs): Promise<void> {
    this.quitting ??= (async () => {
      const leaves = this.peers
        .listed()
        .map((peer) => this.enqueue(peer.address, 'leave', SENT_WORDS.leave));
      await Promise.race([Promise.allSettled(leaves), delay(graceMs)]);
      await this.close();
    })();
    return this.quitting;
  }

  /** Stops without telling anyone. */
  close(): Promise<void> {
    this.outbox.closeAll();
    this.responder?.close();
    this.responder = undefined;
    for (const connection of this.inbound) connection.destroy();
    this.inbound.clear();
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }

  private async enqueue(to: Address, kind: DeliveryKind, text: string): Promise<Delivery> {
    const delivery = await this.outbox.send({ id: this.nextId++, to, kind, text });
    if (delivery.state === 'sent') this.afterSent(delivery);
    this.emit('delivery', delivery);
    return delivery;
  }

  private afterSent(delivery: Delivery): void {
    if (delivery.kind === 'chat') this.emit('peer-updated', this.peers.countOut(delivery.to));
    if (delivery.kind !== 'connect') return;
    const { peer, joined } = this.peers.reached(delivery.to);
    this.emit(joined ? 'peer-joined' : 'peer-updated', peer);
  }

  private async startDiscovery(udpPort: number): Promise<void> {
    const responder = new DiscoveryResponder(
      () => ({ port: this.boundPort, name: this.options.name }),
      (error) => this.emit('warning', { code: 'E_SOCKET', message: `discovery: ${error.message}` }),
    );
    const host =
      this.options.host !== undefined && !this.options.host.includes(':')
        ? this.options.host
        : undefined;
    try {
      this.responderPort = await responder.start(udpPort, host);
      this.responder = responder;
    } catch (error) {
      responder.close();
      this.emit('warning', {
        code: 'E_SOCKET',
        message: `discovery off: UDP ${udpPort}: ${(error as Error).message}`,
      });
    }
  }

  private ownAddressKey(socket: Socket): string {
    return makeAddress(ownIp(socket, this.options.advertise), this.boundPort).key;
  }

  private readonly onConnection = (socket: Socket): void => {
    const connection = new InboundConnection(
      socket,
      {
        message: (message, source) => this.onIncoming(message, source),
        rejected: (error, source) => this.emit('warning', { ...error, sourceIp: source.sourceIp }),
      },
      {
        selfHeader: (localIp) =>
          `${makeAddress(this.options.advertise ?? localIp, this.boundPort).key} ${this.options.name}`,
      },
    );
    this.inbound.add(connection);
    socket.once('close', () => this.inbound.delete(connection));
  };

  private onIncoming(message: Incoming, source: InboundSource): void {
    if (message.kind === 'unparsed') {
      this.emit('unparsed', { ...source, text: message.text, code: message.code });
      return;
    }
    if (message.kind === 'leave') return this.onLeave(message, source);
    const { peer, joined } = this.peers.heardFrom(
      message.from,
      message.name,
      source.sourceIp,
      message.kind === 'chat',
      message.dialect,
    );
    if (!peer.headerMatchesSource && joined) {
      this.emit('warning', {
        code: 'E_HEADER_MISMATCH',
        message: `${message.from.key} wrote its header from ${source.sourceIp}`,
        sourceIp: source.sourceIp,
      });
    }
    this.emit(joined ? 'peer-joined' : 'peer-updated', peer);
    if (message.kind !== 'chat') return;
    this.emit('message', {
      from: message.from,
      name: message.name,
      text: message.text,
      dialect: message.dialect,
      sourceIp: source.sourceIp,
      headerMatchesSource: message.from.ip === source.sourceIp,
      at: peer.lastSeen,
    });
  }

  private onLeave(message: Extract<IncomingFrom, { kind: 'leave' }>, source: InboundSource): void {
    const result = this.peers.leave(message.from, source.sourceIp);
    if (result.outcome === 'left') return this.emit('peer-exited', result.peer);
    if (result.outcome === 'forged') {
      this.emit('warning', {
        code: 'E_FORGED_LEAVE',
        message: `ignored a leave for ${message.from.key} sent from ${source.sourceIp}`,
        sourceIp: source.sourceIp,
      });
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
