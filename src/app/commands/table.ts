import { historyLines, stamped } from '../history-lines';
import { count, outboxLines, peerListLines } from '../lines';
import type { Outgoing } from '../../node/outbox/outgoing';
import { SEARCH_LIMIT } from '../../store/history';
import { fail, note, say, type CommandContext, type Outcome } from './outcome';
import { ROOM_COMMANDS, sayInRoom } from './rooms';
import { TRUST_COMMANDS } from './trust';
import { CHAT_COMMANDS } from './chat';
import { FILE_COMMANDS } from './files';
import { sending } from './sending';
import { readArguments, type Command, type CommandResult } from './parse';
import type { CommandSpec } from './spec';

/** The words after a command's name, read into its arguments' schema. */
export function parseWith(
  spec: CommandSpec,
  first: string | undefined,
  rest: string,
): CommandResult {
  return readArguments(spec.kind, spec.layout, spec.usage, first, rest);
}

const outgoingJson = (item: Outgoing): object => ({ ...item, to: item.to.key });

type Table = { [K in Command['kind']]: CommandSpec<K> };

/**
 * Every command of every front end, in the order /help lists them. The screen and
 * headless mode parse with it, run with it, and only render the outcomes; /help, Tab
 * completion and the README's tables (checked by a test) come from it.
 */
const TABLE: Table = {
  send: {
    kind: 'send',
    names: ['send', 'msg'],
    usage: '/send IP:PORT|#ROOM TEXT',
    help: 'send TEXT to a peer and make it the target, or to every member of a room (alias /msg)',
    layout: { to: 'first', text: 'rest' },
    run: (command, context) => {
      if ('room' in command.to) return sayInRoom(context, command.to.room, command.text);
      context.target.to = command.to;
      return [sending(context, command.to, command.text)];
    },
  },
  say: {
    kind: 'say',
    names: [],
    usage: 'TEXT',
    help: 'plain text goes to the target',
    layout: { text: 'whole' },
    run: (command, context) => {
      const to = context.target.to;
      if (!to) return fail('no target: /to IP:PORT or /send IP:PORT TEXT first');
      return [sending(context, to, command.text)];
    },
  },
  to: {
    kind: 'to',
    names: ['to'],
    usage: '/to IP:PORT',
    help: 'make a peer the target of plain text',
    layout: { to: 'first' },
    run: (command, context) => {
      context.target.to = command.to;
      return [note('target', `plain text now goes to ${command.to.key}`, { to: command.to.key })];
    },
  },
  broadcast: {
    kind: 'broadcast',
    names: ['broadcast'],
    usage: '/broadcast TEXT',
    help: 'send TEXT to every connected peer',
    layout: { text: 'whole' },
    run: (command, context) => {
      const listed = context.node.peers.listed();
      if (listed.length === 0) return fail('no connected peers to broadcast to');
      return listed.map((peer) => sending(context, peer.address, command.text));
    },
  },
  connect: {
    kind: 'connect',
    names: ['connect'],
    usage: '/connect [IP:PORT]',
    help: 'connect to one peer, or to every known peer',
    layout: { to: 'first' },
    run: (command, context) => {
      const known = command.to ? 1 : context.node.peers.all().length;
      if (known === 0) return fail('no known peers to connect to: send a message first');
      context.node
        .connect(command.to)
        .then((deliveries) => context.later([{ type: 'results', deliveries }]))
        .catch((error: unknown) =>
          context.later([{ type: 'error', message: `connect failed: ${String(error)}` }]),
        );
      const text = command.to
        ? `connecting to ${command.to.key}`
        : `connecting to ${count(known, 'known peer')}`;
      return [note('connecting', text, { count: known })];
    },
  },
  peers: {
    kind: 'peers',
    names: ['peers'],
    usage: '/peers',
    help: "list the connected peers (the assignment's query)",
    layout: {},
    run: (_, context) => {
      const peers = context.node.peers.listed();
      return [say('peers', peerListLines(peers), { peers: peers.map((p) => p.address.key) })];
    },
  },
  exit: {
    kind: 'exit',
    names: ['exit'],
    usage: '/exit IP:PORT',
    help: 'send `exit` to a peer: it drops us from its list',
    layout: { to: 'first' },
    run: (command, context) => [sending(context, command.to, 'exit')],
  },
  discover: {
    kind: 'discover',
    names: ['discover'],
    usage: '/discover IP',
    help: 'ask IP over UDP (port 50000) who is online',
    layout: { ip: 'first' },
    run: (command, context) => {
      context.node
        .discover(command.ip)
        .then((found) => {
          if (found.length === 0) context.later([note('note', `no answer from ${command.ip}`)]);
        })
        .catch(() => undefined);
      return [note('note', `asking ${command.ip} who is online`)];
    },
  },
  outbox: {
    kind: 'outbox',
    names: ['outbox'],
    usage: '/outbox',
    help: 'list the messages waiting for their peers, and those that failed',
    layout: {},
    run: (_, context) => {
      const state = context.node.outboxState();
      const data = {
        waiting: state.waiting.map(outgoingJson),
        failed: state.failed.map(outgoingJson),
      };
      return [say('outbox', outboxLines(state), data)];
    },
  },
  retry: {
    kind: 'retry',
    names: ['retry'],
    usage: '/retry',
    help: 'send the failed messages again',
    layout: {},
    run: (_, context) => {
      const failed = context.node.retryFailed();
      return [note('retry', `sending ${count(failed, 'failed message')} again`, { count: failed })];
    },
  },
  search: {
    kind: 'search',
    names: ['search'],
    usage: '/search TEXT',
    help: 'find TEXT in the history',
    layout: { text: 'whole' },
    run: (command, { history }) => {
      if (!history)
        return fail('no history is kept (--no-history, or the data folder is not writable)');
      const lines = historyLines(history.search(command.text));
      const limited = lines.length === SEARCH_LIMIT ? ` (the last ${SEARCH_LIMIT})` : '';
      const summary = `${count(lines.length, 'line')} of history ${lines.length === 1 ? 'contains' : 'contain'} "${command.text}"${limited}`;
      return [
        note('search-summary', summary, { count: lines.length }),
        say('search', lines.map(stamped), { lines }),
      ];
    },
  },
  filter: {
    kind: 'filter',
    names: ['filter'],
    usage: '/filter [TEXT]',
    help: 'show only peers whose address or name has TEXT; alone, show all',
    layout: { text: 'whole' },
    run: (command) => [{ type: 'filter', text: command.text }],
  },
  query: {
    kind: 'query',
    names: ['query', 'q'],
    usage: '/query IP:PORT',
    help: 'open a conversation with a peer and show it (headless: make it the target; alias /q)',
    layout: { to: 'first' },
    run: (command) => [{ type: 'query', to: command.to }],
  },
  close: {
    kind: 'close',
    names: ['close'],
    usage: '/close',
    help: 'close the conversation on screen (not view 1)',
    layout: {},
    run: () => [{ type: 'close' }],
  },
  buffer: {
    kind: 'buffer',
    names: ['buffer', 'window', 'w'],
    usage: '/buffer N, /window N',
    help: 'show view N (Alt-N does the same; aliases /window, /w)',
    layout: { number: 'first' },
    run: (command) => [{ type: 'buffer', number: command.number }],
  },
  alias: {
    kind: 'alias',
    names: ['alias'],
    usage: '/alias IP:PORT [NAME]',
    help: 'show a peer by a name of yours (marked =) instead of the one it claims; alone, remove it',
    layout: { to: 'first', alias: 'rest' },
    run: (command, context) => {
      context.node.setAlias(command.to, command.alias);
      const text =
        command.alias === null
          ? `${command.to.key} is shown by the name it claims again`
          : `${command.to.key} is now shown as =${command.alias}`;
      return [note('alias', text, { peer: command.to.key, alias: command.alias })];
    },
  },
  ...TRUST_COMMANDS,
  ...ROOM_COMMANDS,
  ...CHAT_COMMANDS,
  ...FILE_COMMANDS,
  quit: {
    kind: 'quit',
    names: ['quit'],
    usage: '/quit',
    help: 'send `exit` to every peer that may list us (listed, or written to) and leave',
    layout: {},
    run: () => [{ type: 'quit' }],
  },
  help: {
    kind: 'help',
    names: ['help'],
    usage: '/help',
    help: 'this list',
    layout: {},
    run: () => [{ type: 'help' }],
  },
};

export const COMMANDS: readonly CommandSpec[] = Object.values(TABLE) as CommandSpec[];

/** Runs a parsed command; the one executor for every front end. */
export function execute(command: Command, context: CommandContext): Outcome[] {
  const spec = TABLE[command.kind] as CommandSpec;
  return spec.run(command, context);
}
