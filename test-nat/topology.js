'use strict';
// The simulated networks of the NAT cases (issue 22), built from network namespaces: an
// "internet" (a bridge on 198.18.0.0/24) where `peer-tui seed` runs at 198.18.0.1, homes
// behind routers that masquerade with nftables, hosts on the internet itself, and a LAN
// with no way out. Everything made is listed, so `tearDown` removes it all. Run as root in
// a network and mount namespace of its own (test-nat/run makes one): nothing here touches
// the host's interfaces, routes or firewall.
const { execFileSync } = require('node:child_process');

const SEED = '198.18.0.1';

const ip = (...args) => execFileSync('ip', args, { stdio: 'pipe' });
const inNs = (ns, ...args) => execFileSync('ip', ['netns', 'exec', ns, ...args], { stdio: 'pipe' });

/**
 * A home router's rules: out through masquerade (keeping ports, or `random`), in only what
 * answers something sent out. The input chain matters: without it an unsolicited punch
 * packet reaching the router is accepted by its conntrack, and the port the inside host
 * punches from is then remapped, so no hole punch could ever succeed (real routers drop).
 */
function routerRules(nat) {
  const flags = nat === 'keep' ? '' : ` ${nat}`;
  return `table ip nat {
  chain post { type nat hook postrouting priority 100; oifname "wan" masquerade${flags}; }
}
table ip filter {
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    iifname "lan" oifname "wan" accept
    iifname "lan" oifname "lan" accept
  }
  chain input {
    type filter hook input priority 0; policy accept;
    iifname "wan" ct state new drop
  }
}
`;
}

class Topology {
  constructor(prefix) {
    this.prefix = prefix;
    this.namespaces = [];
    this.links = 0;
    this.inet = this.namespace('inet');
    this.bridge(this.inet, 'br0', `${SEED}/24`);
    // Hosts on the internet itself sit one hop away, on a subnet of their own.
    this.bridge(this.inet, 'pub', '198.18.1.1/24');
    inNs(this.inet, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
  }

  namespace(name) {
    const ns = `${this.prefix}-${name}`;
    ip('netns', 'add', ns);
    this.namespaces.push(ns);
    inNs(ns, 'ip', 'link', 'set', 'lo', 'up');
    return ns;
  }

  bridge(ns, name, address) {
    inNs(ns, 'ip', 'link', 'add', name, 'type', 'bridge');
    if (address) inNs(ns, 'ip', 'addr', 'add', address, 'dev', name);
    inNs(ns, 'ip', 'link', 'set', name, 'up');
  }

  /** A veth from the bridge `bridgeName` in `bridgeNs` to `ns`, named `inside` there. */
  cable(bridgeNs, bridgeName, ns, inside, address) {
    const outer = `${this.prefix}v${(this.links += 1)}`;
    const temp = `${outer}i`;
    ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', temp);
    ip('link', 'set', outer, 'netns', bridgeNs);
    ip('link', 'set', temp, 'netns', ns);
    inNs(bridgeNs, 'ip', 'link', 'set', outer, 'master', bridgeName, 'up');
    inNs(ns, 'ip', 'link', 'set', temp, 'name', inside);
    inNs(ns, 'ip', 'addr', 'add', address, 'dev', inside);
    inNs(ns, 'ip', 'link', 'set', inside, 'up');
  }

  /** Hosts behind one router (WAN 198.18.0.1N, LAN 10.N.0.0/24), its NAT as `nat` says. */
  home(n, nat, hosts = 1) {
    const router = this.namespace(`r${n}`);
    this.cable(this.inet, 'br0', router, 'wan', `198.18.0.1${n}/24`);
    this.bridge(router, 'br0');
    inNs(router, 'ip', 'link', 'set', 'br0', 'name', 'lan');
    inNs(router, 'ip', 'addr', 'add', `10.${n}.0.1/24`, 'dev', 'lan');
    inNs(router, 'ip', 'route', 'add', 'default', 'via', SEED);
    inNs(router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
    execFileSync('ip', ['netns', 'exec', router, 'nft', '-f', '-'], { input: routerRules(nat) });
    const made = [];
    for (let h = 0; h < hosts; h += 1) {
      const host = this.namespace(`h${n}${h}`);
      this.cable(router, 'lan', host, 'eth0', `10.${n}.0.${h + 2}/24`);
      inNs(host, 'ip', 'route', 'add', 'default', 'via', `10.${n}.0.1`);
      made.push(host);
    }
    return made;
  }

  /** A host on the internet itself, at 198.18.1.2N: no NAT in its way. */
  public(n) {
    const host = this.namespace(`p${n}`);
    this.cable(this.inet, 'pub', host, 'eth0', `198.18.1.2${n}/24`);
    inNs(host, 'ip', 'route', 'add', 'default', 'via', '198.18.1.1');
    return host;
  }

  /** Hosts on a LAN of their own (10.9.0.0/24) with no route anywhere else. */
  island(hosts) {
    const lan = this.namespace('island');
    this.bridge(lan, 'br0');
    const made = [];
    for (let h = 0; h < hosts; h += 1) {
      const host = this.namespace(`i${h}`);
      this.cable(lan, 'br0', host, 'eth0', `10.9.0.${h + 2}/24`);
      made.push(host);
    }
    return made;
  }

  tearDown() {
    for (const ns of this.namespaces.splice(0).reverse()) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // gone already
      }
    }
  }
}

module.exports = { Topology, SEED };
