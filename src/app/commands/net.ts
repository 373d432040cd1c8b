import { fingerprint } from '../../wire/fingerprint';
import type { NetworkView } from '../../node/room-transport';
import { NAT_SAID, count, shownName } from '../lines';
import { say } from './outcome';
import type { CommandSpec } from './spec';

/** What hyperdht's codes for a connection that failed mean to a user (`/net`). */
const WHY_NOT: Record<string, string> = {
  HOLEPUNCH_DOUBLE_RANDOMIZED_NATS:
    'both behind NATs that change ports: a relay, --relay KEY, reaches it',
  HOLEPUNCH_ABORTED: 'hole punching gave up: a relay, --relay KEY, may reach it',
  REMOTE_NOT_HOLEPUNCHABLE: 'its network lets no hole through: a relay, --relay KEY, may reach it',
  CANNOT_HOLEPUNCH: 'no hole punching between these networks: a relay, --relay KEY, may reach it',
  PEER_NOT_FOUND: 'no longer announced on the DHT: gone, or not yet back',
  PEER_CONNECTION_FAILED: 'it did not answer: gone, or its network stopped us',
};
const whyNot = (code: string): string => (WHY_NOT[code] ? ` (${WHY_NOT[code]})` : '');

/** How a room connection reaches its member, said: the way, where to, its round trip. */
function reachedBy(connection: NetworkView['connections'][number]): string {
  const { way, via, remote, rttMs } = connection;
  const how =
    way === null
      ? 'reached'
      : way === 'relayed'
        ? `relayed through ${via === null ? 'a relay' : fingerprint(via)}`
        : way === 'lan'
          ? 'on your LAN'
          : way;
  const rtt = rttMs === null ? '' : `, round trip ${rttMs} ms`;
  return `${how} at ${remote ?? 'an address not known'}${rtt}`;
}

/** The relays given, those members lend, and whether we lend one. */
function relaysSaid(net: NetworkView): string {
  const given = net.relays === 0 ? 'none given (--relay KEY adds one)' : `${net.relays} given`;
  const lent = net.lentRelays === 0 ? '' : `, ${net.lentRelays} lent by members`;
  const ours = net.lending ? '; you lend one to your rooms' : '';
  return `relays: ${given}${lent}${ours}`;
}

/** `/net`: what the rooms' DHT knows of the network, and how each member is reached. */
export const NET_COMMAND: CommandSpec<'net'> = {
  kind: 'net',
  names: ['net'],
  usage: '/net',
  help: "what the rooms' DHT knows of your network: NAT, public address, relays, each room connection",
  layout: {},
  run: (_, { node }) => {
    const net = node.rooms.network();
    if (net === null) return [say('net', ['no DHT yet: /join #ROOM starts it'], { net: null })];
    const address = net.publicAddress ?? 'not known yet';
    const byKey = new Map(node.peers.all().map((peer) => [peer.key, peer]));
    const who = (key: string): string => {
      const peer = byKey.get(key);
      return peer ? `${peer.address.key} ${shownName(peer)}` : `@${key.slice(0, 16)}`;
    };
    const lines = [
      `DHT: ${net.bootstrapped ? 'joined' : 'joining'}, ${count(net.nodes, 'node')} known`,
      `NAT: ${NAT_SAID[net.nat]}; public address ${address}`,
      relaysSaid(net),
      `${count(net.connections.length, 'room connection')}${net.connections.length > 0 ? ':' : ''}`,
      ...net.connections.map((connection) => `  ${who(connection.key)}: ${reachedBy(connection)}`),
      ...(net.unreached.length === 0
        ? []
        : [`${count(net.unreached.length, 'member')} found but out of reach:`]),
      ...net.unreached.map(({ key, code }) => `  ${who(key)}: ${code}${whyNot(code)}`),
    ];
    return [say('net', lines, { net })];
  },
};
