import { fingerprint } from '../../wire/fingerprint';
import { count, shownName } from '../lines';
import { fail, note, say, type CommandContext, type Outcome } from './outcome';
import type { CommandSpec } from './spec';
import { NET_COMMAND } from './net';

/** Per node, how many members out of reach a room line last said, by room. */
const unreachedSaid = new WeakMap<object, Map<string, number>>();

/**
 * Members found but out of reach, said beside a room line that reached others when their
 * number changed since the last line said it (not on every line of a conversation).
 */
function outOfReach(context: CommandContext, room: string, unreached: number): Outcome[] {
  const said = unreachedSaid.get(context.node) ?? new Map<string, number>();
  unreachedSaid.set(context.node, said);
  if ((said.get(room) ?? 0) === unreached) return [];
  said.set(room, unreached);
  if (unreached === 0) return [];
  const text = `${room}: ${count(unreached, 'member')} found but out of reach (/net says why): not sent to them`;
  return [note('room-unreached', text, { room, unreached })];
}

/** `/send #room TEXT`, and plain text in a room's view: one message to each member. */
export function sayInRoom(context: CommandContext, room: string, text: string): Outcome[] {
  const ids = context.node.rooms.say(room, text);
  if (ids === null) return fail(`not in ${room}: /join ${room} first`);
  const sending: Outcome = { type: 'room-sending', room, text, ids };
  const unreached = context.node.rooms.unreachedCount();
  // Your line is shown either way: with nobody there yet it waits in your log.
  if (ids.length > 0) return [sending, ...outOfReach(context, room, unreached)];
  const kept =
    unreached === 0
      ? `${room} has no other member yet: kept in your log for those who come`
      : `${room}: nobody reached yet, ${count(unreached, 'member')} found but out of reach (/net says why): kept in your log for when one is reached`;
  return [sending, note('room-kept', kept, { room, unreached })];
}

/** Rooms over Hyperswarm (node/rooms.ts): part of the one command table. */
export const ROOM_COMMANDS: {
  join: CommandSpec<'join'>;
  part: CommandSpec<'part'>;
  rooms: CommandSpec<'rooms'>;
  net: CommandSpec<'net'>;
  ignore: CommandSpec<'ignore'>;
  unignore: CommandSpec<'unignore'>;
} = {
  ignore: {
    kind: 'ignore',
    names: ['ignore'],
    usage: '/ignore [NAME|@KEY]',
    help: 'hide a room member and stop keeping its logs (kept across restarts); alone: whom you ignore',
    layout: { to: 'first' },
    run: (command, { node }) => {
      if (!command.to) {
        const keys = node.ignored.list();
        const peers = node.peers.all();
        const who = (key: string): string => {
          const peer = peers.find((p) => p.key === key);
          return peer ? `${peer.address.key} ${shownName(peer)}` : key;
        };
        const lines =
          keys.length === 0 ? ['you ignore nobody'] : keys.map((key) => `ignored ${who(key)}`);
        return [say('ignored', lines, { keys })];
      }
      const peer = node.peers.get(command.to.key);
      if (!peer?.key) return fail(`${command.to.key}: no key known; /ignore takes a room member`);
      if (!node.ignore(peer.key))
        return fail(`${shownName(peer)} is ignored already (or too many are)`);
      return [
        note('ignore', `ignoring ${shownName(peer)} (${peer.address.key}): /unignore undoes it`, {
          key: peer.key,
        }),
      ];
    },
  },
  unignore: {
    kind: 'unignore',
    names: ['unignore'],
    usage: '/unignore NAME|@KEY',
    help: 'show a member you ignored again; its logs are followed from its next hello',
    layout: { to: 'first' },
    run: (command, { node }) => {
      const peer = node.peers.get(command.to.key);
      if (!peer?.key || !node.unignore(peer.key)) return fail(`${command.to.key} is not ignored`);
      return [note('unignore', `no longer ignoring ${shownName(peer)}`, { key: peer.key })];
    },
  },
  join: {
    kind: 'join',
    names: ['join', 'j'],
    usage: '/join ROOM',
    help: 'join a room by its name (# optional): everyone in it finds you (Hyperswarm; alias /j)',
    layout: { room: 'first' },
    run: (command, { node }) => {
      const refused = node.rooms.join(command.room);
      if (refused !== null) return fail(refused);
      return [
        note('joined', `joined ${command.room}: looking for its members`, { room: command.room }),
        { type: 'room', room: command.room, open: true },
      ];
    },
  },
  part: {
    kind: 'part',
    names: ['part'],
    usage: '/part ROOM',
    help: 'leave a room',
    layout: { room: 'first' },
    run: (command, context) => {
      if (!context.node.rooms.joined.includes(command.room)) return fail(`not in ${command.room}`);
      context.node.rooms.part(command.room).catch(() => undefined);
      return [
        note('parted', `left ${command.room}`, { room: command.room }),
        { type: 'room', room: command.room, open: false },
      ];
    },
  },
  net: NET_COMMAND,
  rooms: {
    kind: 'rooms',
    names: ['rooms'],
    usage: '/rooms',
    help: 'the rooms you are in, each with its members',
    layout: {},
    run: (_, { node }) => {
      const rooms = node.rooms.list();
      if (rooms.length === 0) return [say('rooms', ['in no room: /join #ROOM'], { rooms: [] })];
      const lines = rooms.flatMap(({ room, members, known }) => [
        `${room}: ${count(members.length, 'other member')} connected${known > members.length ? `, ${known} known in all (reached through the others)` : ''}`,
        ...members.map(
          (m) =>
            `  ${m.address.key} ${shownName(m)}${m.key === null ? '' : ` ${fingerprint(m.key)}`}`,
        ),
      ]);
      const data = rooms.map(({ room, members, known }) => ({
        room,
        known,
        members: members.map((m) => ({ peer: m.address.key, name: m.name, key: m.key })),
      }));
      return [say('rooms', lines, { rooms: data })];
    },
  },
};
