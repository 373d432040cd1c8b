import type { DirectCarriers } from '../node/outbox/carriers';
import type { LinkNegotiation } from './link/link-negotiation';
import { PeerLink } from './link/peer-link';
import { probeCapability } from './tcp/capability-probe';
import { sendOneShot } from './tcp/one-shot';
import { PortFirstLink } from './tcp/port-first-link';

/** The carriers that reach a peer directly over TCP, given to the node's router. */
export function directCarriers(negotiation: LinkNegotiation): DirectCarriers {
  return {
    oneShot: sendOneShot,
    probe: probeCapability,
    portFirst: (target, variant, ownFor, localAddress) =>
      new PortFirstLink(target, variant, ownFor, localAddress),
    link: (target, own, localAddress) => new PeerLink(target, negotiation, own, localAddress),
  };
}
