import type { Socket } from 'node:net';
import type { DirectCarriers, ProbeOutcome } from '../../../src/node/outbox/carriers';
import type { Outgoing } from '../../../src/node/outbox/outgoing';
import { Router } from '../../../src/node/outbox/router';
import { Reach } from '../../../src/node/peers/reach';
import { makeAddress } from '../../../src/wire/address';

// The router with carriers played by the test: no socket, only which carrier is asked.

const to = makeAddress('127.0.0.1', 9090);
const socket = {} as Socket;
let n = 0;
const chat = (text: string): Outgoing => ({
  id: String(++n).padStart(16, '0'),
  to,
  kind: 'chat',
  text,
  createdAt: Date.now(),
});

function routerWith(answer: ProbeOutcome) {
  const calls: string[] = [];
  const reach = new Reach();
  const carriers: DirectCarriers = {
    oneShot: async (target, options) => {
      calls.push(`one-shot ${options.payload(socket)}`);
      return { ok: true };
    },
    probe: async (target, options) => {
      calls.push(`probe ${options.payload(socket)}`);
      return answer;
    },
    portFirst: () => {
      throw new Error('no port-first peer here');
    },
    link: (target) => ({
      target,
      usable: true,
      send: async (id, text) => {
        calls.push(`link ${text}`);
        return { ok: true };
      },
      close: () => {},
    }),
  };
  const router = new Router({
    name: 'me',
    own: () => ({ addressKey: '127.0.0.1:8080', port: 8080, name: 'me' }),
    reach,
    sourceFor: () => undefined,
    onCapability: () => undefined,
    negotiation: {
      version: 2,
      capabilityIn: () => null,
      afterLinkAttempt: () => 'keep-link',
      mayWritePlain: () => true,
    },
    carriers,
    rooms: { reaches: () => false, send: async () => ({ ok: false, error: 'E_NOT_CONNECTED' }) },
  });
  return { router, calls, reach };
}

describe('the router', () => {
  it('asks a new address once; a peer-tui that answers gets even the first message over the link', async () => {
    const { router, calls } = routerWith({ ok: true, peerTui: 'bob' });
    await router.deliverBatch([chat('first')]);
    await router.deliverBatch([chat('second')]);
    expect(calls).toEqual(['probe 127.0.0.1:8080 me connect', 'link first', 'link second']);
  });

  it('any other implementation gets the assignment form after the question, asked once', async () => {
    const { router, calls } = routerWith({ ok: true, peerTui: null });
    await router.deliverBatch([chat('first')]);
    await router.deliverBatch([chat('second')]);
    expect(calls).toEqual([
      'probe 127.0.0.1:8080 me connect',
      'one-shot 127.0.0.1:8080 me first',
      'one-shot 127.0.0.1:8080 me second',
    ]);
  });

  it('an address that cannot be dialled fails the try, and is asked again next time', async () => {
    const { router, calls } = routerWith({ ok: false, error: 'ECONNREFUSED' });
    const [attempt] = await router.deliverBatch([chat('first')]);
    expect(attempt).toEqual({ outcome: { ok: false, error: 'ECONNREFUSED' }, via: 'std' });
    await router.deliverBatch([chat('first')]);
    expect(calls).toEqual(['probe 127.0.0.1:8080 me connect', 'probe 127.0.0.1:8080 me connect']);
  });

  it("keeps what it learnt in the peer's record of reach: asked, answered, the link held", async () => {
    const { router, reach } = routerWith({ ok: true, peerTui: 'bob' });
    await router.deliverBatch([chat('first')]);
    expect(reach.get(to.key)).toEqual({ peerTui: true, dialect: null, probed: true, strikes: 0 });
    expect(reach.of(to).link?.usable).toBe(true);
    router.closeAll();
    expect(reach.of(to).link).toBeNull();
    expect(reach.isPeerTui(to)).toBe(true);
  });
});
