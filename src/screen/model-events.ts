import { follow } from '../app/follow';
import { systemText } from '../app/lines';
import { fileText, place } from '../app/file-lines';
import type { PeerNode } from '../node/node';
import type { PeerSnapshot } from '../node/peers/peer-table';
import type { ChatModel } from './model/state';

/** Node events into the screen's model: each told event a line in the right view. */
export function attachModel(node: PeerNode, model: ChatModel): void {
  const withLine = (text: (peer: PeerSnapshot) => string) => (peer: PeerSnapshot) => {
    model.peer(peer);
    model.system(text(peer), 'info', { about: peer.address.key });
  };
  // A member's arrival and leaving are said in its room's view.
  const inRoom = (text: typeof systemText.memberJoined) => (change: Parameters<typeof text>[0]) => {
    model.peer(change.peer);
    model.system(text(change), 'info', { about: change.room });
  };
  follow<'peer-updated' | 'peer-forgotten' | 'peer-aliased' | 'room-said'>(node, {
    message: (message) => model.chat(message),
    delivery: (delivery) => {
      // Connect results are shown by the command that asked; a restored message has no line.
      if (delivery.kind === 'connect' || model.delivery(delivery) || delivery.state === 'queued')
        return;
      model.system(systemText.delivery(delivery), delivery.state === 'failed' ? 'warn' : 'info');
    },
    'peer-joined': withLine(systemText.joined),
    'peer-exited': withLine(systemText.exited),
    'member-joined': inRoom(systemText.memberJoined),
    'member-left': inRoom(systemText.memberLeft),
    trust: (change) => {
      model.peer(change.peer);
      const text = systemText.trust(change);
      if (text !== null) model.system(text, 'info', { about: change.peer.address.key });
    },
    discovered: withLine(systemText.discovered),
    // A room's trouble (no DHT node answered) is said where the user looks, a room's view too.
    warning: (warning) =>
      model.system(systemText.warning(warning), 'warn', { here: warning.code === 'E_ROOM' }),
    network: (view) => model.system(systemText.network(view), 'info', { here: true }),
    unparsed: (unparsed) => model.system(systemText.unparsed(unparsed), 'warn'),
    // A file's lines are said in the view of its room; its progress is the status line's.
    // A file offered to you alone is also said in the view on screen.
    'file-offer': (view) =>
      model.system(fileText.offer(view), 'info', {
        about: place(view),
        here: view.direction === 'in' && view.room === null,
      }),
    'file-progress': (view) => model.file(view),
    'file-done': (view) => {
      model.file(view);
      model.system(fileText.done(view), 'info', { about: place(view) });
    },
    'file-failed': (view) => {
      model.file(view);
      model.system(fileText.failed(view), 'warn', { about: place(view) });
    },
    'peer-updated': (peer) => model.peer(peer),
    'peer-forgotten': (peer) => model.forget(peer.address.key),
    'peer-aliased': (peer) => model.peer(peer),
    // Our own earlier lines in a join's backlog (a line said now shows from its command).
    'room-said': (said) => {
      if (said.backlog === true) model.ownEarlier(said.room, said.text, said.at);
    },
  });
}
