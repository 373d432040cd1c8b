import {
  deliveryLine,
  discoveredLine,
  exitedLine,
  joinedLine,
  messageLine,
  unparsedLine,
  warningLine,
} from '../app/lines';
import { safeJson } from '../app/sanitize';
import type { PeerNode } from '../core/node';
import type { PeerSnapshot } from '../core/peer-table';

export interface PrinterOptions {
  json: boolean;
  /** Whether delivery results are printed (the menu prints its own). */
  deliveries: boolean;
}

function peerJson(peer: PeerSnapshot): object {
  return { ...peer, address: peer.address.key };
}

/** Prints one line (or JSON object) per node event. Every peer string is sanitised. */
export function attachPrinter(
  node: PeerNode,
  print: (line: string) => void,
  options: PrinterOptions,
): void {
  const out = (type: string, text: string, data: object): void =>
    print(options.json ? safeJson({ type, ...data }) : text);
  node.on('message', (m) => out('message', messageLine(m), { ...m, from: m.from.key }));
  node.on('peer-joined', (peer) => out('peer-joined', joinedLine(peer), { peer: peerJson(peer) }));
  node.on('peer-exited', (peer) => out('peer-exited', exitedLine(peer), { peer: peerJson(peer) }));
  node.on('warning', (w) => out('warning', warningLine(w), w));
  node.on('discovered', (peer) =>
    out('discovered', discoveredLine(peer), { peer: peerJson(peer) }),
  );
  node.on('unparsed', (u) => out('unparsed', unparsedLine(u), u));
  // A message that waited is always followed to its end, even where its first outcome was
  // printed by the caller (the menu).
  const waited = new Set<string>();
  node.on('delivery', (d) => {
    const followUp = waited.delete(d.id);
    if (d.state === 'queued') waited.add(d.id);
    if (options.deliveries || followUp) out('delivery', deliveryLine(d), { ...d, to: d.to.key });
  });
}
