import { homedir } from 'node:os';
import { isKeyAddress } from '../../wire/address';
import { transferLines } from '../file-lines';
import { peerLabel } from '../lines';
import { fail, note, say, type CommandContext, type Outcome } from './outcome';
import type { CommandSpec } from './spec';

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
      if ('room' in command.to) {
        const data = { room: command.to.room, path };
        const place = { room: command.to.room, peer: null };
        later(context, context.node.files.offer(place, path));
        return [note('file-reading', `reading ${path} in to offer it to ${command.to.room}`, data)];
      }
      const to = command.to.key;
      const label = peerLabel(to, context.node.peers.get(to)?.name ?? '');
      if (isKeyAddress(command.to)) {
        // A room member known by its key: over its room connection, to it alone.
        const key = context.node.peers.get(to)?.key;
        if (!key) return fail(`${to}: no member known by that key`);
        later(context, context.node.files.offer({ room: null, peer: `@${key}` }, path));
        return [
          note('file-reading', `reading ${path} in to offer it to ${label}`, { peer: to, path }),
        ];
      }
      const reach = context.node.reach.get(to);
      if (!reach?.peerTui)
        return fail(
          reach?.probed
            ? `${label} is not a peer-tui: the assignment's programs take only text, no files`
            : `${label} is not known as a peer-tui yet (the assignment's programs take only text): /send it a line first`,
        );
      const data = { peer: to, path };
      later(context, context.node.files.offer({ room: null, peer: to }, path));
      return [note('file-reading', `reading ${path} in to offer it to ${label}`, data)];
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
