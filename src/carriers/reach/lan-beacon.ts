import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { LIMITS } from '../../wire/limits';
import { ipv4Interfaces } from './connection-way';
import { MAX_BEACON_BYTES, parseBeacon, type Beacon } from '../../wire/room-beacon';

/** The multicast group LAN beacons go to (administratively scoped: it stays on the LAN). */
export const BEACON_GROUP = '239.255.70.84';

/**
 * The UDP side of LAN discovery for rooms: one socket listening on the group (shared with
 * other peer-tui on the machine: SO_REUSEADDR), and one sending socket per interface, so
 * each beacon leaves by every LAN we are on with that LAN's address as its source.
 */
export class LanBeacon {
  private readonly listener: Socket = createSocket({ type: 'udp4', reuseAddr: true });
  private readonly senders = new Map<string, Socket>();
  private closed = false;
  /** Beacons read in the current second (LIMITS.lanBeaconsPerSecond). */
  private readThisSecond = 0;
  private second = 0;

  constructor(
    private readonly heard: (beacon: Beacon, host: string) => void,
    private readonly onError: (error: Error) => void,
  ) {
    this.listener.on('message', this.onMessage);
    this.listener.on('error', this.onError);
  }

  /**
   * Listens on `port`, on every interface or only the one at `only` (where our DHT node is
   * bound: a member elsewhere could not reach it); resolves false when it cannot.
   */
  start(port: number, only?: string): Promise<boolean> {
    return new Promise((resolve) => {
      // Said by the listener's own error handler: once, not twice.
      const fail = (): void => resolve(false);
      this.listener.once('error', fail);
      this.listener.bind(port, () => {
        this.listener.off('error', fail);
        // Loopback too: members on one machine meet as well.
        const addresses = ipv4Interfaces()
          .map(({ address }) => address)
          .filter((address) => only === undefined || address === only);
        Promise.all(addresses.map((address) => this.join(address))).then(
          () => resolve(this.senders.size > 0),
          fail,
        );
      });
    });
  }

  /** Sends a beacon out of every interface joined. */
  send(datagram: Buffer): void {
    if (this.closed) return;
    const port = this.listener.address().port;
    for (const socket of this.senders.values()) socket.send(datagram, port, BEACON_GROUP);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.senders.values()) socket.close();
    this.senders.clear();
    this.listener.close();
  }

  /** Hears the group on the interface at `address`, and readies a socket to send there. */
  private join(address: string): Promise<void> {
    try {
      this.listener.addMembership(BEACON_GROUP, address);
    } catch {
      return Promise.resolve(); // an interface without multicast: nothing to hear or say
    }
    const sender = createSocket('udp4');
    sender.on('error', this.onError);
    return new Promise((resolve) => {
      sender.once('error', () => resolve());
      sender.bind(0, address, () => {
        if (this.closed) {
          sender.close();
          return resolve();
        }
        sender.setMulticastInterface(address);
        sender.setMulticastTTL(1);
        this.senders.set(address, sender);
        resolve();
      });
    });
  }

  private readonly onMessage = (datagram: Buffer, from: RemoteInfo): void => {
    if (datagram.length > MAX_BEACON_BYTES) return;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.second) [this.second, this.readThisSecond] = [second, 0];
    if ((this.readThisSecond += 1) > LIMITS.lanBeaconsPerSecond) return;
    const beacon = parseBeacon(datagram);
    if (beacon) this.heard(beacon, from.address);
  };
}
