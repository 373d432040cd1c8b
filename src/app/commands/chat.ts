import { peerListLines, shownName } from '../lines';
import { fail, note, say, type CommandContext, type Outcome } from './outcome';
import { sayInRoom } from './rooms';
import { sending } from './sending';
import type { CommandSpec } from './spec';

/** `* NAME waves`: how an action reads in every implementation (they take only text). */
export const actionText = (name: string, text: string): string => `* ${name} ${text}`;

/** Says `text` where plain text goes: the room on screen, else the target. */
function sayHere(context: CommandContext, text: string): Outcome[] {
  if (context.room) return sayInRoom(context, context.room, text);
  const to = context.target.to;
  if (!to) return fail('no target: /to IP:PORT or /send IP:PORT TEXT first');
  return [sending(context, to, text)];
}

/** The reflexes of WeeChat and irssi users: part of the one command table. */
export const CHAT_COMMANDS: {
  me: CommandSpec<'me'>;
  names: CommandSpec<'names'>;
  clear: CommandSpec<'clear'>;
  nick: CommandSpec<'nick'>;
  set: CommandSpec<'set'>;
  save: CommandSpec<'save'>;
} = {
  me: {
    kind: 'me',
    names: ['me'],
    usage: '/me TEXT',
    help: 'an action where plain text goes (others read `* NAME TEXT`)',
    layout: { text: 'whole' },
    run: (command, context) => sayHere(context, actionText(context.node.name, command.text)),
  },
  names: {
    kind: 'names',
    names: ['names'],
    usage: '/names',
    help: 'the members of the room on screen, else the connected peers',
    layout: {},
    run: (_, context) => {
      const room = context.room;
      if (!room) {
        const peers = context.node.peers.listed();
        return [say('names', peerListLines(peers), { peers: peers.map((p) => p.address.key) })];
      }
      const members = context.node.rooms.list().find((r) => r.room === room)?.members ?? [];
      const lines = [
        `${room}: you and ${members.length} other${members.length === 1 ? '' : 's'}`,
        ...members.map((m) => `  ${m.address.key} ${shownName(m)}`.trimEnd()),
      ];
      return [say('names', lines, { room, members: members.map((m) => m.address.key) })];
    },
  },
  clear: {
    kind: 'clear',
    names: ['clear'],
    usage: '/clear',
    help: 'empty the view on screen (history keeps every line)',
    layout: {},
    run: () => [{ type: 'clear' }],
  },
  nick: {
    kind: 'nick',
    names: ['nick'],
    usage: '/nick NAME',
    help: 'your name from now on, in every message; saved in config.toml',
    layout: { name: 'first' },
    run: (command, { settings }) => {
      if (!settings) return fail('settings cannot change here');
      const set = settings.set('name', command.name);
      if (!set.ok) return fail(set.text);
      const saved = settings.save();
      return saved.ok ? [note('nick', set.text, { name: command.name })] : fail(saved.text);
    },
  },
  set: {
    kind: 'set',
    names: ['set'],
    usage: '/set [KEY [VALUE]]',
    help: 'show the settings, or change one while running (every config.toml key; /save keeps it)',
    layout: { key: 'first', value: 'rest' },
    run: (command, { settings }) => {
      if (!settings) return fail('settings cannot change here');
      if (command.value === '')
        return [say('settings', settings.show(command.key === '' ? undefined : command.key))];
      const set = settings.set(command.key, command.value);
      return set.ok ? [note('set', set.text, { key: command.key })] : fail(set.text);
    },
  },
  save: {
    kind: 'save',
    names: ['save'],
    usage: '/save',
    help: 'write the settings to config.toml',
    layout: {},
    run: (_, { settings }) => {
      if (!settings) return fail('settings cannot change here');
      const saved = settings.save();
      return saved.ok ? [note('saved', saved.text)] : fail(saved.text);
    },
  },
};
