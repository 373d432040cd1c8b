import { homedir } from 'node:os';
import { isKeyAddress } from '../../wire/address';
import { transferLines } from '../file-lines';
import { peerLabel } from '../lines';
import { fail, note, say, type CommandContext, type Outcome } from './outcome';
import type { CommandSpec } from './spec';

/** `~/x` as the shell would read it: a path typed in the input line. */
const expanded = (path: string): string =>
  path === '~' || path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;

/** An answer that comes once the node has done it (a file read in, a name claimed). */
function later(
  context: CommandContext,
  event: string,
  answer: Promise<{ ok: boolean; text: string }>,
  data: object,
): void {
  answer
    .then((result) =>
      context.later([
        result.ok ? note(event, result.text, data) : { type: 'error', message: result.text },
      ]),
    )
    .catch((error: Error) => context.later([{ type: 'error', message: error.message }]));
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
    help: 'offer a file: to a room, served by every member that takes it (Tab completes paths)',
    layout: { to: 'first', path: 'rest' },
    run: (command, context): Outcome[] => {
      if (!('room' in command.to)) {
        const peer = context.node.peers.get(command.to.key);
        const peerTui = isKeyAddress(command.to) || context.node.reach.get(command.to.key)?.peerTui;
        if (!peerTui)
          return fail(
            `${peerLabel(command.to.key, peer?.name ?? '')} is not a peer-tui: the assignment's programs take only text, no files`,
          );
        return fail(
          `files to one peer are not built yet: offer it in a room you share with ${command.to.key} (/file #ROOM PATH)`,
        );
      }
      const path = expanded(command.path);
      const data = { room: command.to.room, path };
      later(context, 'file-offered', context.node.files.offer(command.to.room, path), data);
      return [note('file-reading', `reading ${path} in to offer it to ${command.to.room}`, data)];
    },
  },
  accept: {
    kind: 'accept',
    names: ['accept'],
    usage: '/accept ID',
    help: 'take a file offered to you: saved in the downloads folder once its content checks out',
    layout: { id: 'first' },
    run: (command, context) => {
      later(context, 'file-accepted', context.node.files.accept(command.id), { id: command.id });
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
      context.node.files
        .cancel(command.id)
        .then((answer) => {
          if (!answer.ok) context.later(fail(answer.text));
        })
        .catch((error: Error) => context.later(fail(error.message)));
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
