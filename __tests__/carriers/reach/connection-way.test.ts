import {
  connectionWay,
  localSubnets,
  onSubnet,
  type WayContext,
} from '../../../src/carriers/reach/connection-way';

const RELAY = 'ee'.repeat(32);
const context = (overrides: Partial<WayContext> = {}): WayContext => ({
  mainSockets: ['main'],
  open: false,
  relayAt: (host, port) => (host === '198.18.0.1' && port === 49737 ? RELAY : undefined),
  subnets: [{ network: 0x0a010000, mask: 0xffffff00 }], // 10.1.0.0/24
  ...overrides,
});

describe('how a room connection reaches its member', () => {
  it('is relayed when it goes where a relay connection goes, and says through whom', () => {
    const raw = { remoteHost: '198.18.0.1', remotePort: 49737, socket: 'main', rtt: 3 };
    expect(connectionWay(raw, context())).toEqual({
      remote: '198.18.0.1:49737',
      way: 'relayed',
      via: RELAY,
      rttMs: 3,
    });
  });

  it('is on the LAN when the member is on one of our subnets', () => {
    const raw = { remoteHost: '10.1.0.3', remotePort: 7000, socket: 'pooled' };
    expect(connectionWay(raw, context()).way).toBe('lan');
  });

  it('is direct on a main socket or when we are open, hole-punched on a pooled one', () => {
    const far = { remoteHost: '198.18.0.12', remotePort: 4000 };
    expect(connectionWay({ ...far, socket: 'main' }, context()).way).toBe('direct');
    expect(connectionWay({ ...far, socket: 'pooled' }, context({ open: true })).way).toBe('direct');
    expect(connectionWay({ ...far, socket: 'pooled' }, context()).way).toBe('hole-punched');
  });

  it('knows nothing of a stream with no raw stream yet, and no round trip of 0', () => {
    expect(connectionWay(undefined, context())).toEqual({
      remote: null,
      way: null,
      via: null,
      rttMs: null,
    });
    const raw = { remoteHost: '198.18.0.12', remotePort: 4000, socket: 'pooled', rtt: 0 };
    expect(connectionWay(raw, context()).rttMs).toBeNull();
  });
});

describe('subnets', () => {
  it('matches an IPv4 address against a network and mask, never an IPv6 one', () => {
    const subnets = [{ network: 0x0a010000, mask: 0xffffff00 }];
    expect(onSubnet('10.1.0.200', subnets)).toBe(true);
    expect(onSubnet('10.1.1.2', subnets)).toBe(false);
    expect(onSubnet('::1', subnets)).toBe(false);
  });

  it("include loopback's from this machine's interfaces", () => {
    expect(onSubnet('127.0.0.1', localSubnets())).toBe(true);
  });
});
