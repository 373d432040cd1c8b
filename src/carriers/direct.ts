import type { Socket } from 'node:net';
import { makeAddress, type Address } from '../wire/address';
import type {
  DirectCarrier,
  DirectCarrierFactory,
  DirectCarrierHost,
  Discovered,
} from '../node/direct-carrier';
import type { DirectCarriers } from '../node/outbox/carriers';
import { LinkNegotiation } from './link/link-negotiation';
import { PeerLink } from './link/peer-link';
import { probeCapability } from './tcp/capability-probe';
import { definiteHost, dial, isOwnAddress, ownIp, sourceFor } from './tcp/dial';
import { DirectFiles } from './files/direct-files';
import { discover, startResponder, type DiscoveryResponder } from './tcp/discovery';
import { InboundServer } from './tcp/inbound-server';
import { sendOneShot } from './tcp/one-shot';
import { PortFirstLink } from './tcp/port-first-link';

/**
 * Peers reached by IP:PORT over TCP: the listening server, one-shot sends, port-first
 * connections, peer-tui links (plain or encrypted) and UDP discovery.
 */
class TcpCarrier implements DirectCarrier {
  readonly policy: LinkNegotiation;
  readonly carriers: DirectCarriers;
  readonly inboundLimit: number;
  private readonly inbound: InboundServer;
  private responder: DiscoveryResponder | undefined;
  /** Files between two peer-tui (issue 23). */
  readonly files: DirectFiles;

  constructor(private readonly host: DirectCarrierHost) {
    const negotiation = new LinkNegotiation({
      version: host.linkVersion,
      keyPair: host.keyPair,
      trust: host.trust,
    });
    this.policy = negotiation;
    this.carriers = {
      oneShot: sendOneShot,
      probe: probeCapability,
      portFirst: (target, variant, ownFor, localAddress) =>
        new PortFirstLink(target, variant, ownFor, localAddress),
      link: (target, own, localAddress) => new PeerLink(target, negotiation, own, localAddress),
    };
    this.files = new DirectFiles(async (target) => {
      const socket = await dial(target, this.sourceFor(target));
      socket.on('error', () => socket.destroy());
      return negotiation.openStream(socket, target, this.ownAddressKey(socket)).catch((error) => {
        socket.destroy();
        throw error;
      });
    }, host.fileOffered);
    this.inbound = new InboundServer({
      maxInbound: host.maxInbound,
      connection: {
        selfHeader: (socket) => `${this.ownAddressKey(socket)} ${host.name()}`,
        firstMessageMs: host.firstMessageMs,
        advertiseTo: host.advertiseTo,
        linkVersion: negotiation.version,
      },
      handlers: { message: host.arrived, rejected: host.rejected },
      negotiation,
      files: (stream, claimed, key) => this.files.accept(stream, claimed, key),
      warn: host.warn,
    });
    this.inboundLimit = this.inbound.limit;
  }

  listen(port: number, host?: string): Promise<{ port: number; host: string }> {
    return this.inbound.listen(port, host);
  }

  ownAddressKey(socket: Socket): string {
    return makeAddress(ownIp(socket, this.host.advertise), this.host.port()).key;
  }

  isOwnAddress(address: Address): boolean {
    return isOwnAddress(address, this.host.port(), [this.host.host, this.host.advertise]);
  }

  sourceFor(target: Address): string | undefined {
    return sourceFor(this.host.host, target);
  }

  definiteIp(): string | undefined {
    return this.host.advertise ?? definiteHost(this.host.host);
  }

  discover(ip: string, udpPort: number, waitMs: number): Promise<Discovered[]> {
    return discover(ip, udpPort, waitMs);
  }

  async answerDiscovery(udpPort: number): Promise<{ port: number } | { error: string }> {
    const started = await startResponder(
      udpPort,
      this.host.host,
      () => ({ port: this.host.port(), name: this.host.name() }),
      (error) => this.host.warn({ code: 'E_SOCKET', message: `discovery: ${error.message}` }),
    );
    if ('error' in started) return started;
    this.responder = started.responder;
    return { port: started.port };
  }

  close(): Promise<void> {
    this.responder?.close();
    this.responder = undefined;
    return this.inbound.close();
  }
}

/** The direct carrier a node is assembled with (main/assemble.ts). */
export const tcpCarrier: DirectCarrierFactory = (host) => new TcpCarrier(host);
