import createTestnet from 'hyperdht/testnet';
import { keyPair as makeKeyPair } from 'hypercore-crypto';
import { tcpCarrier } from '../../src/carriers/direct';
import type { RoomSwarm } from '../../src/carriers/swarm/room-swarm';
import type { DirectCarrier } from '../../src/node/direct-carrier';
import type { SendOutcome } from '../../src/node/outbox/outgoing';
import { PeerTable } from '../../src/node/peers/peer-table';
import { Trust } from '../../src/node/peers/trust';
import { makeAddress, type Address } from '../../src/wire/address';
import { formatIn, type OwnIdentity } from '../../src/wire/assignment/format';
import type { LinkVersion } from '../../src/wire/link';
import { closeAll, record, startNode, waitUntil } from '../helpers/net';
import { startSwarm } from '../helpers/room-swarm';

// What every carrier promises the router, checked the same way for each (libp2p's
// transport compliance tests are the model): a line arrives whole, lines keep their order,
// a target nobody answers at is a failure with a stable code, and a receiver that went
// away costs a failure, never a throw or a hang. A new carrier adds one case below.

/** A sender wired to one receiver through the carrier under test. */
interface Rig {
  send(text: string): Promise<SendOutcome>;
  /** Texts the receiver was given, in order. */
  received(): string[];
  /** A send to an address (or key) at which nothing answers. */
  sendToNobody(text: string): Promise<SendOutcome>;
  /** The receiver closes its end and stops. */
  stopReceiver(): Promise<void>;
  close(): Promise<void>;
}

interface CarrierCase {
  name: string;
  /** Whether the router hands it a batch at once (a link, a room) rather than one by one. */
  batches: boolean;
  start(): Promise<Rig>;
}

const STABLE_CODE = /^E[A-Z_]+$/;
let nextId = 0;
const messageId = (): string => (++nextId).toString(16).padStart(16, '0');

/** The sending side: the TCP carrier, given what a node would give it. */
async function senderCarrier(version: LinkVersion): Promise<DirectCarrier> {
  const keyPair = makeKeyPair();
  const trust = new Trust(
    new PeerTable(),
    keyPair.publicKey.toString('hex'),
    () => undefined,
    () => undefined,
  );
  let port = 0;
  const carrier = tcpCarrier({
    keyPair,
    trust,
    linkVersion: version,
    host: '127.0.0.1',
    name: () => 'sender',
    port: () => port,
    advertiseTo: () => false,
    arrived: () => undefined,
    rejected: () => undefined,
    fileOffered: () => ({ ok: true }),
    warn: () => undefined,
  });
  port = (await carrier.listen(0, '127.0.0.1')).port;
  return carrier;
}

/** A port at which nothing listens now: one a node held and gave back. */
async function deadAddress(): Promise<Address> {
  const node = await startNode('gone');
  const address = makeAddress('127.0.0.1', node.port);
  await node.close();
  return address;
}

type Opener = (
  carrier: DirectCarrier,
  target: Address,
) => { send(text: string): Promise<SendOutcome>; close(): void };

const ownOn = (carrier: DirectCarrier) => (socket: import('node:net').Socket) => {
  const addressKey = carrier.ownAddressKey(socket);
  return { addressKey, port: Number(addressKey.split(':').pop()), name: 'sender' };
};

function directCase(
  name: string,
  version: LinkVersion,
  open: Opener,
  batches = false,
): CarrierCase {
  return {
    name,
    batches,
    async start() {
      const receiver = await startNode('receiver', { linkVersion: version });
      const texts = record(receiver, 'message');
      const carrier = await senderCarrier(version);
      const channel = open(carrier, makeAddress('127.0.0.1', receiver.port));
      const nobody = await deadAddress();
      return {
        send: (text) => channel.send(text),
        received: () => texts.map(([message]) => message.text),
        sendToNobody: (text) => open(carrier, nobody).send(text),
        stopReceiver: () => receiver.close(),
        close: async () => {
          channel.close();
          await carrier.close();
        },
      };
    },
  };
}

const oneShot: Opener = (carrier, target) => ({
  send: (text) =>
    carrier.carriers.oneShot(target, {
      payload: (socket) => formatIn('std', ownOn(carrier)(socket) as OwnIdentity, 'chat', text),
      onReply: () => undefined,
    }),
  close: () => undefined,
});

const portFirst: Opener = (carrier, target) => {
  const channel = carrier.carriers.portFirst(target, 'preamble', ownOn(carrier));
  return { send: (text) => channel.send('chat', text), close: () => channel.close() };
};

const link: Opener = (carrier, target) => {
  const channel = carrier.carriers.link(target, (socket) => {
    const own = ownOn(carrier)(socket);
    return { addressKey: own.addressKey, header: `${own.addressKey} sender` };
  });
  return { send: (text) => channel.send(messageId(), text), close: () => channel.close() };
};

type Testnet = Awaited<ReturnType<typeof createTestnet>>;
let testnet: Testnet | undefined;

function swarmOf(name: string, seen: string[]): { swarm: RoomSwarm; key: string } {
  if (!testnet) throw new Error('no local DHT: a room carrier is only made on one');
  return startSwarm(testnet.bootstrap, name, {
    message: (_member, message) => seen.push(message.text),
  });
}

const roomCase: CarrierCase = {
  name: 'swarm: a room connection',
  batches: true,
  async start() {
    // Every DHT node on 127.0.0.1: nothing leaves loopback.
    testnet = await createTestnet(3, { host: '127.0.0.1' });
    const seen: string[] = [];
    const sender = swarmOf('sender', []);
    const receiver = swarmOf('receiver', seen);
    sender.swarm.join('#conformance');
    receiver.swarm.join('#conformance');
    await waitUntil(() => sender.swarm.members('#conformance').length === 1, 20_000, 'a member');
    return {
      send: (text) => sender.swarm.send(receiver.key, messageId(), text, '#conformance'),
      received: () => seen,
      sendToNobody: (text) => sender.swarm.send('ab'.repeat(32), messageId(), text, '#conformance'),
      stopReceiver: () => receiver.swarm.destroy(),
      close: async () => {
        await Promise.all([sender.swarm.destroy(), receiver.swarm.destroy()]);
        await testnet?.destroy();
        testnet = undefined;
      },
    };
  },
};

const CASES: CarrierCase[] = [
  directCase('tcp: one connection per message', 2, oneShot),
  directCase('tcp: a held port-first connection', 2, portFirst),
  directCase('link: peer-tui/1, plain', 1, link, true),
  directCase('link: peer-tui/2, encrypted', 2, link, true),
  roomCase,
];

/** A fresh rig of `carrierCase` for each test of the enclosing describe. */
function rigOf(carrierCase: CarrierCase): () => Rig {
  let rig: Rig | undefined;
  beforeEach(async () => {
    rig = await carrierCase.start();
  }, 30_000);
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
    await closeAll();
  });
  return () => {
    if (!rig) throw new Error('no rig');
    return rig;
  };
}

describe.each(CASES)('$name', (carrierCase) => {
  const rigNow = rigOf(carrierCase);
  let rig: Rig;
  beforeEach(() => {
    rig = rigNow();
  });

  it('delivers a line whole: multibyte text, tabs, a few hundred bytes', async () => {
    const text = `héllo 日本語 🎉\tend ${'ü'.repeat(200)}`;
    expect(await rig.send(text)).toEqual({ ok: true });
    await waitUntil(() => rig.received().length === 1, 4000, 'the line');
    expect(rig.received()).toEqual([text]);
  });

  it('keeps the order of lines sent one after another', async () => {
    const texts = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    for (const text of texts) expect(await rig.send(text)).toEqual({ ok: true });
    await waitUntil(() => rig.received().length === texts.length, 4000, 'every line');
    expect(rig.received()).toEqual(texts);
  });

  it('says a target nobody answers at failed, with a stable code', async () => {
    const outcome = await rig.sendToNobody('anyone?');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(STABLE_CODE);
  }, 15_000);

  it('after the receiver went away, a send fails with a stable code (no throw, no hang)', async () => {
    expect(await rig.send('first')).toEqual({ ok: true });
    await waitUntil(() => rig.received().length === 1, 4000, 'the first line');
    await rig.stopReceiver();
    const outcome = await rig.send('second');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(STABLE_CODE);
  }, 20_000);
});

describe.each(CASES.filter((carrierCase) => carrierCase.batches))(
  '$name, batched',
  (carrierCase) => {
    const rigNow = rigOf(carrierCase);
    let rig: Rig;
    beforeEach(() => {
      rig = rigNow();
    });

    it('keeps the order of a batch handed over at once, when the router batches', async () => {
      const texts = Array.from({ length: 100 }, (_, i) => `batch ${i}`);
      const outcomes = await Promise.all(texts.map((text) => rig.send(text)));
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      await waitUntil(() => rig.received().length === texts.length, 4000, 'every line');
      expect(rig.received()).toEqual(texts);
    });
  },
);
