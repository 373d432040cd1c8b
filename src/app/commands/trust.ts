import type { PeerSnapshot } from '../../node/peers/peer-table';
import { fingerprint } from '../../wire/fingerprint';
import { shownName } from '../lines';
import { stamp } from '../time';
import { fail, note, say } from './outcome';
import type { CommandSpec } from './spec';

/** `/whois`: what is known of a peer and of its key, one line each. */
function whoisLines(peer: PeerSnapshot): string[] {
  const lines = [`${peer.address.key} ${shownName(peer)}`.trimEnd()];
  const from = peer.sourceIp === null ? '' : `, its connections came from ${peer.sourceIp}`;
  lines.push(`  ${peer.state}${from}; last seen ${stamp(peer.lastSeen)}`);
  if (peer.key === null) {
    lines.push('  no key: it speaks the assignment form only, or no encrypted link was made yet');
    return lines;
  }
  lines.push(`  key ${fingerprint(peer.key)} (${peer.key})`);
  lines.push(`  pinned ${peer.pinnedAt === null ? 'earlier' : stamp(peer.pinnedAt)}`);
  lines.push(
    peer.verifiedByYou
      ? '  verified by you (/verify codes matched)'
      : `  not verified by you: /verify ${peer.address.key}`,
  );
  if (peer.lastVerified === false)
    lines.push('  its last message came in the clear: unverified (anyone could have sent it)');
  if (peer.offeredKey !== null)
    lines.push(
      `  KEY CHANGED: it presented ${fingerprint(peer.offeredKey)}, refused; /trust ${peer.address.key} accepts it`,
    );
  return lines;
}

const keyJson = (peer: PeerSnapshot): object => ({
  peer: peer.address.key,
  name: peer.name,
  key: peer.key,
  pinnedAt: peer.pinnedAt,
  offeredKey: peer.offeredKey,
  verified: peer.verifiedByYou,
});

/** Keys and trust between peer-tui (node/peers/trust.ts): part of the one command table. */
export const TRUST_COMMANDS: {
  fingerprint: CommandSpec<'fingerprint'>;
  whois: CommandSpec<'whois'>;
  trust: CommandSpec<'trust'>;
  verify: CommandSpec<'verify'>;
} = {
  fingerprint: {
    kind: 'fingerprint',
    names: ['fingerprint'],
    usage: '/fingerprint',
    help: 'your own key: its fingerprint, and the whole key',
    layout: {},
    run: (_, { node }) => [
      note('fingerprint', `your key: ${fingerprint(node.publicKey)} (${node.publicKey})`, {
        key: node.publicKey,
        fingerprint: fingerprint(node.publicKey),
      }),
    ],
  },
  whois: {
    kind: 'whois',
    names: ['whois'],
    usage: '/whois IP:PORT',
    help: "a peer's name, addresses, key fingerprint, when it was pinned, verified or not",
    layout: { to: 'first' },
    run: (command, { node }) => {
      const peer = node.peers.get(command.to.key);
      if (!peer) return fail(`${command.to.key} is not a known peer`);
      return [say('whois', whoisLines(peer), keyJson(peer))];
    },
  },
  trust: {
    kind: 'trust',
    names: ['trust'],
    usage: '/trust IP:PORT',
    help: 'accept the new key a peer presented (after E_KEY_CHANGED); what waited for it goes',
    layout: { to: 'first' },
    run: (command, { node }) => {
      const accepted = node.trust.accept(command.to);
      if (!accepted.ok) return fail(accepted.message);
      const key = accepted.value.key ?? '';
      return [
        note(
          'trust',
          `${command.to.key} now pinned to ${fingerprint(key)}; waiting messages go now`,
          keyJson(accepted.value),
        ),
      ];
    },
  },
  verify: {
    kind: 'verify',
    names: ['verify'],
    usage: '/verify IP:PORT [CODE]',
    help: 'show the code to compare with a peer; with the code it read to you, mark it verified',
    layout: { to: 'first', code: 'rest' },
    run: (command, { node }) => {
      if (command.code.trim() === '') {
        const code = node.trust.code(command.to);
        if (!code.ok) return fail(code.message);
        return [
          note(
            'verify',
            `safety code with ${command.to.key}: ${code.value}. Compare it with theirs (in person, on a call); if they match: /verify ${command.to.key} ${code.value}`,
            { peer: command.to.key, code: code.value },
          ),
        ];
      }
      const confirmed = node.trust.confirm(command.to, command.code);
      if (!confirmed.ok) return fail(confirmed.message);
      return [note('verify', `${command.to.key} verified by you`, keyJson(confirmed.value))];
    },
  },
};
