import type DHT from 'hyperdht';
import type SecretStream from '@hyperswarm/secret-stream';
import type { NetworkView } from '../../node/room-transport';
import { ConnectFailures, OpenStreams, watchedDht } from '../reach/connect-failures';
import { localSubnets } from '../reach/connection-way';
import { natKind, networkView, type DhtState } from '../reach/network-view';
import { relayChoice } from '../reach/relay-choice';
import { LanRooms } from './lan-rooms';
import { RoomRelays } from './room-relays';
import type { RoomConnections } from './room-connections';
import type { RoomSwarmOptions } from './room-swarm-options';

/** What the room swarm tells its reach: its connections, rooms and members. */
export interface ReachHooks {
  connections: RoomConnections;
  rooms(): string[];
  /** A key in a room's logs: a member, never a relay. */
  isMember(key: string): boolean;
  /** Whether a connection to this member is wanted now (not held, under the cap). */
  wants(key: string): boolean;
  /** A connection made outside Hyperswarm (LAN beacons): handled as its are. */
  adopt(stream: SecretStream): void;
  /** Our relay started: say its key in a hello to every member connected. */
  lending(): void;
  trouble(text: string): void;
  /** What the DHT learnt of our network: said once our NAT is known, and when it changes. */
  network(view: NetworkView): void;
}

/** How often our NAT is looked at to say it once known (it takes the DHT some seconds). */
const NAT_LOOK_MS = 2_000;

/**
 * How far the rooms reach (issue 22): our DHT node (watched: why connections fail, where
 * streams go), the relays (given, lent by members, ours lent to them), LAN beacons, and
 * `/net`'s view of all of it. The room swarm keeps its members; this keeps the network.
 */
export class RoomReach {
  readonly dht: DHT;
  readonly relayThrough: ReturnType<typeof relayChoice>;
  private readonly failures = new ConnectFailures();
  private readonly opened = new OpenStreams();
  private readonly relays: RoomRelays;
  private readonly lan: LanRooms | null;
  private readonly natLook: NodeJS.Timeout;
  private natSaid: NetworkView['nat'] = 'unknown';

  constructor(
    private readonly options: RoomSwarmOptions,
    private readonly hooks: ReachHooks,
  ) {
    const { bootstrap, host, keyPair, lanPort } = options;
    // Our own DHT node, so its bootstrap and bind address are ours to give (never a default
    // made behind our back); the swarm uses it and nothing else.
    const dht = watchedDht({ bootstrap, host, keyPair }, this.failures, this.opened);
    this.dht = dht;
    const reachable = (): boolean => ['open', 'consistent'].includes(natKind(this.state));
    this.relays = new RoomRelays(dht, reachable, hooks.lending, hooks.trouble);
    this.relayThrough = relayChoice(options.relays ?? [], () => this.relays.lent());
    const { rooms, wants, adopt, trouble } = hooks;
    const lan = { host, keyPair, dht, rooms, wants, adopt, trouble };
    this.lan = lanPort ? new LanRooms({ port: lanPort, ...lan }) : null;
    this.natLook = setInterval(() => this.sayNat(), NAT_LOOK_MS);
    this.natLook.unref();
  }

  private sayNat(): void {
    const nat = natKind(this.state);
    if (nat === 'unknown' || nat === this.natSaid) return;
    this.natSaid = nat;
    this.hooks.network(this.network());
  }

  /** The relay we lend our rooms, once we do. */
  get ownRelay(): string | undefined {
    return this.relays.ownKey;
  }

  /** A connection opened to a member: whatever failed before is past. */
  reached(key: string): void {
    this.failures.reached(key);
  }

  /** A member's hello: the relay it lends, if any. */
  heard(key: string, relay: string | undefined): void {
    this.relays.heard(key, relay);
  }

  /** A member's last connection closed. */
  gone(key: string): void {
    this.relays.gone(key);
  }

  /** A room joined: said on the LAN at once. */
  joined(): void {
    this.lan?.joined();
  }

  /** Members found whose last connection attempt failed, and no connection reaches now. */
  unreached(): NetworkView['unreached'] {
    const { connections } = this.hooks;
    // hyperdht dials relays through our node too: a relay that failed is no member.
    const relayKeys = new Set([...(this.options.relays ?? []), ...this.relays.lent()]);
    return this.failures.unreached((key) => connections.has(key) || relayKeys.has(key));
  }

  network(): NetworkView {
    const { connections, isMember } = this.hooks;
    const relays = {
      given: this.options.relays?.length ?? 0,
      lent: this.relays.lent().length,
      lending: this.relays.ownKey !== undefined,
    };
    const unreached = this.unreached();
    const ways = {
      relayAt: (host: string, port: number) => this.opened.relayAt(host, port, isMember),
      subnets: localSubnets(),
    };
    return networkView(this.state, relays, connections, unreached, ways);
  }

  /** Before the swarm (whose DHT node it is) is destroyed. */
  async close(): Promise<void> {
    clearInterval(this.natLook);
    this.lan?.close();
    await this.relays.close();
  }

  private get state(): DhtState {
    return this.dht as unknown as DhtState;
  }
}
