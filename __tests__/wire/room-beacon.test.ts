import fc from 'fast-check';
import {
  MAX_BEACON_BYTES,
  beaconProof,
  beaconSecret,
  formatBeacon,
  parseBeacon,
  roomsProved,
  type Beacon,
} from '../../src/wire/room-beacon';
import { LIMITS } from '../../src/wire/limits';

const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));
const KEY = 'ab'.repeat(32);
const NONCE = 'cd'.repeat(16);

function beaconFor(rooms: string[], key = KEY, dhtPort = 49737, nonce = NONCE): Beacon {
  const proofs = rooms.map((room) => beaconProof(beaconSecret(room), key, dhtPort, nonce));
  return { key, dhtPort, nonce, proofs };
}

describe('LAN beacons', () => {
  it('read back what was written, for any key, port, nonce and up to maxRooms proofs', () => {
    fc.assert(
      fc.property(
        hex(32),
        fc.integer({ min: 1, max: 65_535 }),
        hex(16),
        fc.array(hex(32), { minLength: 1, maxLength: LIMITS.maxRooms }),
        (key, dhtPort, nonce, proofs) => {
          const beacon = { key, dhtPort, nonce, proofs };
          const datagram = formatBeacon(beacon);
          expect(datagram.length).toBeLessThanOrEqual(MAX_BEACON_BYTES);
          expect(parseBeacon(datagram)).toEqual(beacon);
        },
      ),
    );
  });

  it('ignore any other datagram without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2 * MAX_BEACON_BYTES }), (bytes) => {
        const parsed = parseBeacon(Buffer.from(bytes));
        if (parsed !== null) expect(formatBeacon(parsed)).toEqual(Buffer.from(bytes));
      }),
    );
    const good = formatBeacon(beaconFor(['#a'])).toString('latin1');
    expect(parseBeacon(Buffer.from(good.replace(' 49737 ', ' 0 ')))).toBeNull();
    expect(parseBeacon(Buffer.from(good.replace(' 49737 ', ' 70000 ')))).toBeNull();
    expect(parseBeacon(Buffer.from(good.replace('peer-tui-lan 1', 'peer-tui-lan 2')))).toBeNull();
    expect(parseBeacon(Buffer.from(`${good}\n`))).toBeNull();
  });

  it('prove only the rooms a listener knows by name, and nothing once altered', () => {
    const beacon = beaconFor(['#cs216', '#secret']);
    const mine = new Map([
      ['#cs216', beaconSecret('#cs216')],
      ['#other', beaconSecret('#other')],
    ]);
    expect(roomsProved(beacon, mine)).toEqual(['#cs216']);
    expect(roomsProved({ ...beacon, dhtPort: 49738 }, mine)).toEqual([]);
    expect(roomsProved({ ...beacon, key: 'ef'.repeat(32) }, mine)).toEqual([]);
    expect(roomsProved({ ...beacon, nonce: 'ef'.repeat(16) }, mine)).toEqual([]);
  });

  it("differ with every nonce, and are keyed by the room's name, not its DHT topic", () => {
    const a = beaconFor(['#cs216']).proofs[0];
    const b = beaconFor(['#cs216'], KEY, 49737, 'ef'.repeat(16)).proofs[0];
    expect(a).not.toBe(b);
    expect(beaconSecret('#cs216')).not.toEqual(beaconSecret('#cs217'));
  });
});
