import {
  SYSTEM,
  systemText,
  deliveryLine,
  discoveredLine,
  exitedLine,
  joinedLine,
  memberJoinedLine,
  memberLeftLine,
  messageLines,
  unparsedLine,
  warningLine,
  networkLine,
} from '../app/lines';
import { follow } from '../app/follow';
import { fileText, percent } from '../app/file-lines';
import type { TransferView } from '../node/files/transfer';
import { safeJson, sanitize } from '../app/sanitize';
import type { ChatMessage, Delivery, TrustChange } from '../node/events';
import type { PeerNode } from '../node/node';
import type { PeerSnapshot } from '../node/peers/peer-table';

export interface PrinterOptions {
  json: boolean;
  /** Whether delivery results are printed (the menu prints its own). */
  deliveries: boolean;
  /** Whether a message names you (JSON message events then carry `"highlight": true`). */
  isHighlight?: (text: string) => boolean;
}

function peerJson(peer: PeerSnapshot): object {
  return { ...peer, address: peer.address.key };
}

const peerEventJson = (peer: PeerSnapshot): object => ({ peer: peerJson(peer) });
const messageJson =
  (isHighlight: (text: string) => boolean) =>
  (m: ChatMessage): object =>
    isHighlight(m.text) ? { ...m, from: m.from.key, highlight: true } : { ...m, from: m.from.key };
const memberJson = (m: { room: string; peer: PeerSnapshot }): object => ({
  room: m.room,
  peer: peerJson(m.peer),
});
const deliveryJson = (d: Delivery): object => ({ ...d, to: d.to.key });
const trustJson = (t: TrustChange): object => ({ change: t.change, peer: peerJson(t.peer) });
const asIs = (value: object): object => value;

/** Says something as lines of text, or as one JSON object of `type` with `data`. */
export type Say = (type: string, lines: string[], data: object) => void;

export function sayWith(print: (line: string) => void, json: boolean): Say {
  return (type, lines, data) => {
    if (json) print(safeJson({ type, ...data }));
    else lines.forEach((line) => print(line));
  };
}

/** Prints one line (or JSON object) per node event. Every peer string is sanitised. */
export function attachPrinter(
  node: PeerNode,
  print: (line: string) => void,
  options: PrinterOptions,
): void {
  // Each listener is built once: the JSON object is only made in JSON mode (one per message
  // otherwise was a measurable share of a flood's garbage).
  const out =
    <T>(type: string, text: (value: T) => string, data: (value: T) => object) =>
    (value: T): void =>
      print(options.json ? safeJson({ type, ...data(value) }) : text(value));
  // A message that waited is always followed to its end, even where its first outcome was
  // printed by the caller (the menu).
  const waited = new Set<string>();
  const printDelivery = out('delivery', deliveryLine, deliveryJson);
  const fileEvent = (type: string, text: (view: TransferView) => string) =>
    out(type, (view: TransferView) => `${SYSTEM} ${text(view)}`, asIs);
  const printProgress = fileEvent('file-progress', fileText.progress);
  // Lines say a transfer's progress each quarter; JSON has every event (a few a second).
  const quarters = new Map<number, number>();
  follow<'room-said'>(node, {
    message: out('message', messageLines(), messageJson(options.isHighlight ?? (() => false))),
    delivery: (d) => {
      const followUp = waited.delete(d.id);
      if (d.state === 'queued') waited.add(d.id);
      if (options.deliveries || followUp) printDelivery(d);
    },
    'peer-joined': out('peer-joined', joinedLine, peerEventJson),
    'peer-exited': out('peer-exited', exitedLine, peerEventJson),
    'member-joined': out('member-joined', memberJoinedLine, memberJson),
    'member-left': out('member-left', memberLeftLine, memberJson),
    trust: (change) => {
      if (options.json) return print(safeJson({ type: 'trust', ...trustJson(change) }));
      const text = systemText.trust(change);
      if (text !== null) print(`${SYSTEM} ${text}`);
    },
    discovered: out('discovered', discoveredLine, peerEventJson),
    warning: out('warning', warningLine, asIs),
    network: out('network', networkLine, (net) => ({ net })),
    unparsed: out('unparsed', unparsedLine, asIs),
    'file-offer': fileEvent('file-offer', fileText.offer),
    'file-progress': (view) => {
      const quarter = Math.floor(percent(view) / 25);
      if (!options.json && view.direction === 'out') return;
      if (!options.json && (quarters.get(view.id) ?? 0) >= quarter) return;
      quarters.set(view.id, quarter);
      if (quarters.size > 1024) quarters.delete(quarters.keys().next().value as number);
      printProgress(view);
    },
    'file-done': fileEvent('file-done', fileText.done),
    'file-failed': fileEvent('file-failed', fileText.failed),
    // Our own earlier lines in a join's backlog (a line said now is printed by its command).
    'room-said': (said) => {
      if (said.backlog !== true) return;
      const { id, room, text, at } = said;
      print(
        options.json
          ? safeJson({ type: 'room-said', id, room, text, at, backlog: true })
          : `me -> ${sanitize(room)} ${sanitize(text)} (earlier)`,
      );
    },
  });
}
