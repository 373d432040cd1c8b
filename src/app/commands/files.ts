import { homedir } from 'node:os';
import { isKeyAddress } from '../../wire/address';
import { transferLines } from '../file-lines';
import { peerLabel } from '../lines';
import { fail, note, say, type CommandContext, type Outcome } from './outcome';
import type { CommandSpec } from './spec';
import type { Command } from './parse';
import type { Place } from '../../node/files/file-ways';

/** `~/x` as the shell would read it: a path typed in the input line. */
const expanded = (path: string): string =>
  path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;

/**
 * An answer that comes once the node has done it (a file read in, a name claimed): a
 * refusal, and with `event`, what was done (else its node event says it).
 */
function later(
  context: CommandContext,
  answer: Promise<{ ok: boolean; text: string; said?: boolean }>,
  done?: { event: string; data: object },
): void {
  answer
    .then((result) => {
      if (!result.ok && result.said !== true) context.later(fail(result.text));
      else if (done) context.later([note(done.event, result.text, done.data)]);
    })
    .catch((error: Error) => context.later(fail(error.message)));
}

type Target = Extract<Command, { kind: 'file' }>['to'];
type Placed = { place: Place; label: string; data: (path: string) => object };

/**
 * Where `/file` offers: a room; a member known by its key, over its room connection; a
 * peer that answered as a peer-tui, over a files connection. Anyone else takes only text.
 */
function placeOf(to: Target, context: CommandContext): Placed | { error: string } {
  if ('room' in to)
    return {
      place: { room: to.room, peer: null },
      label: to.room,
      data: (path) => ({ room: to.room, path }),
    };
  const peer = context.node.peers.get(to.key);
  const label = peerLabel(to.key, peer?.name ?? '');
  const data = (path: string): object => ({ peer: to.key, path });
  if (isKeyAddress(to)) {
    if (!peer?.key) return { error: `${to.key}: no member known by that key` };
    return { place: { room: null, peer: `@${peer.key}` }, label, data };
  }
  const reach = context.node.reach.get(to.key);
  if (reach?.peerTui) return { place: { room: null, peer: to.key }, label, data };
  return {
    error: reach?.probed
      ? `${label} is not a peer-tui: the assignment's programs take only text, no files`
      : `${label} is not known as a peer-tui yet (the assignment's programs take only text): /send it a line first`,
  };
}

/** Files (issue 23): part of the one command table. */
export const FILE_COMMANDS: {
  file: CommandSpec<'file'>;
  accept: CommandSpec<'accept'>;
  decline: CommandSpec<'decline'>;
  cancel: CommandSpec<'cancel'>;
  files: CommandSpec<'files'>;
} = {
  file: {
    kind: 'file',
    names: ['file'],
    usage: '/file #ROOM|IP:PORT|NAME PATH',
    help: 'offer a file: to a room (served by every member that takes it), or to one peer-tui (Tab completes paths)',
    layout: { to: 'first', path: 'rest' },
    run: (command, context): Outcome[] => {
      const path = expanded(command.path);
      const to = placeOf(command.to, context);
      if ('error' in to) return fail(to.error);
      later(context, context.node.files.offer(to.place, path));
      return [note('file-reading', `reading ${path} in to offer it to ${to.label}`, to.data(path))];
    },
  },
  accept: {
    kind: 'accept',
    names: ['accept'],
    usage: '/accept ID',
    help: 'take a file offered to you: saved in the downloads folder once its content checks out',
    layout: { id: 'first' },
    run: (command, context) => {
      const done = { event: 'file-accepted', data: { id: command.id } };
      later(context, context.node.files.accept(command.id), done);
      return [];
    },
  },
  decline: {
    kind: 'decline',
    names: ['decline'],
    usage: '/decline ID',
    help: 'refuse a file offered to you: nothing of it is written',
    layout: { id: 'first' },
    run: (command, context) => {
      const answer = context.node.files.decline(command.id);
      return answer.ok ? [note('file-declined', answer.text)] : fail(answer.text);
    },
  },
  cancel: {
    kind: 'cancel',
    names: ['cancel'],
    usage: '/cancel ID',
    help: 'stop receiving a file (its partial file removed), or stop serving one of yours',
    layout: { id: 'first' },
    run: (command, context) => {
      // Done, it is said by its event (`file-failed`, cancelled); only a refusal here.
      later(context, context.node.files.cancel(command.id));
      return [];
    },
  },
  files: {
    kind: 'files',
    names: ['files'],
    usage: '/files',
    help: 'the files offered, received and sent: name, way, percent, speed, time left, peers',
    layout: {},
    run: (_, context) => {
      const views = context.node.files.list();
      return [say('files', transferLines(views), { files: views })];
    },
  },
};
