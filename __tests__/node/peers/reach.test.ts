import type { PeerLinkChannel } from '../../../src/node/outbox/carriers';
import { Reach } from '../../../src/node/peers/reach';
import { makeAddress } from '../../../src/wire/address';

const at = (port: number) => makeAddress('127.0.0.1', port);

function link(port: number, closed: number[], usable = true): PeerLinkChannel {
  return {
    target: at(port),
    usable,
    send: () => Promise.resolve({ ok: true }),
    close: () => closed.push(port),
  };
}

describe("a peer's record of reach", () => {
  it("answers in the peer's own form, the assignment's until it wrote in one", () => {
    const reach = new Reach();
    expect(reach.formOf(at(1))).toBe('std');
    reach.wroteIn(at(1), 'json');
    expect(reach.formOf(at(1))).toBe('json');
    // A room or preamble dialect has no reply form of its own: the assignment's.
    reach.wroteIn(at(2), 'room');
    expect(reach.formOf(at(2))).toBe('std');
  });

  it('a capability makes it a peer-tui until its link is lost', () => {
    const reach = new Reach();
    expect(reach.isPeerTui(at(1))).toBe(false);
    reach.answeredPeerTui(at(1));
    expect(reach.isPeerTui(at(1))).toBe(true);
    reach.lostPeerTui(at(1));
    expect(reach.isPeerTui(at(1))).toBe(false);
  });

  it('forgetting a peer closes what was held open to it', () => {
    const closed: number[] = [];
    const reach = new Reach();
    reach.of(at(1)).link = link(1, closed);
    reach.forget(at(1).key);
    expect(closed).toEqual([1]);
    expect(reach.get(at(1).key)).toBeUndefined();
  });

  it('is capped: past it an idle record goes first, its channels closed', () => {
    const closed: number[] = [];
    const reach = new Reach(3);
    reach.of(at(1)).link = link(1, closed);
    reach.of(at(2)).link = link(2, closed, false); // broke: idle
    reach.of(at(3)).link = link(3, closed);
    reach.of(at(4));
    expect(reach.size).toBe(3);
    expect(closed).toEqual([2]);
    expect(reach.get(at(1).key)).toBeDefined();
    // Every one busy: the oldest goes.
    reach.of(at(4)).link = link(4, closed);
    reach.of(at(5));
    expect(closed).toEqual([2, 1]);
    expect(reach.size).toBe(3);
  });
});
