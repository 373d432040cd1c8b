import { waitUntil } from '../helpers/net';
import {
  events,
  MEET_MS,
  present,
  roomMember,
  useLocalDht,
  type Event,
  type Member,
} from '../helpers/room-cli';

// Rooms that remember: each member's messages in its own log, served by whoever holds it.

const testnet = useLocalDht();

const member = (name: string, reuse?: Member): Promise<Member> =>
  roomMember(testnet(), name, ['#mem'], reuse);

const roomMessages = (m: Member): Event[] =>
  events(m).filter((e) => e.type === 'message' && e.room === '#mem');
const said = (m: Member): string[] =>
  roomMessages(m).map((e) => `${String(e.name)}: ${String(e.text)}`);

async function quit(m: Member): Promise<void> {
  m.cli.write('/quit\n');
  await m.cli.exited;
}

describe('a room remembers, through any member', () => {
  it('a late joiner gets what was said before it came, in order, marked earlier, from a member other than the author; one who was away gets what it missed from whoever is there', async () => {
    let r1 = await member('r1');
    const r2 = await member('r2');
    await waitUntil(() => present(r1, '#mem').join() === 'r2', MEET_MS, 'r1 and r2 meet');
    for (const text of ['one', 'two', 'three']) r1.cli.write(`/send #mem ${text}\n`);
    await waitUntil(() => said(r2).length === 3, 20_000, "r1's three lines at r2");
    // Each line is said held by r2 once r2 has downloaded it: its delivery.
    await waitUntil(
      () => events(r1).filter((e) => e.type === 'delivery' && e.room === '#mem').length === 3,
      10_000,
      'three deliveries at r1',
    );
    expect(
      events(r1)
        .filter((e) => e.type === 'delivery')
        .map((e) => e.state),
    ).toEqual(['sent', 'sent', 'sent']);
    await quit(r1);

    let r3 = await member('r3');
    await waitUntil(() => said(r3).length === 3, MEET_MS, 'the three lines at r3, served by r2');
    expect(said(r3)).toEqual(['r1: one', 'r1: two', 'r1: three']);
    expect(roomMessages(r3).every((e) => e.backlog === true)).toBe(true);
    // r1 never met r3: r3 only had it from r2.
    expect(present(r3, '#mem')).toEqual(['r2']);

    await quit(r3);
    r1 = await member('r1', r1);
    await waitUntil(() => present(r1, '#mem').includes('r2'), MEET_MS, 'r1 back with r2');
    // r1's own lines of its first run come back to it too, in its backlog.
    const earlier = (): unknown[] =>
      events(r1)
        .filter((e) => e.type === 'room-said' && e.backlog === true)
        .map((e) => e.text);
    await waitUntil(() => earlier().length === 3, 20_000, "r1's own earlier lines");
    expect(earlier()).toEqual(['one', 'two', 'three']);
    r2.cli.write('/send #mem while r3 was away\n');
    await waitUntil(() => said(r1).includes('r2: while r3 was away'), 20_000, "r2's line at r1");
    await quit(r2);
    r3 = await member('r3', r3);
    await waitUntil(
      () => said(r3).includes('r2: while r3 was away'),
      MEET_MS,
      "r2's line at r3, served by r1",
    );
    const missed = roomMessages(r3).filter((e) => e.text === 'while r3 was away');
    expect(missed).toHaveLength(1);
    expect(present(r3, '#mem')).toEqual(['r1']);
  }, 300_000);

  it('kill -9 while lines are appended and replicated: after a restart, every line shown before is there, and none twice', async () => {
    const r1 = await member('k1');
    let r2 = await member('k2');
    await waitUntil(() => present(r1, '#mem').join() === 'k2', MEET_MS, 'k1 and k2 meet');
    const count = 40;
    for (let i = 0; i < count; i += 1) r1.cli.write(`/send #mem line ${i}\n`);
    await waitUntil(() => said(r2).length >= 5, 20_000, 'k2 shows the first lines');
    r2.cli.child.kill('SIGKILL');
    await r2.cli.exited;
    const shownBefore = said(r2);
    r2 = await member('k2', r2);
    // Meeting again after a kill can take hyperdht's retries twice over on a loaded machine.
    await waitUntil(
      () => said(r2).length >= count,
      2 * MEET_MS,
      'every line at k2 after its restart',
    ).catch((error: Error) => {
      const shown = said(r2);
      const missing = Array.from({ length: count }, (_, i) => `k1: line ${i}`).filter(
        (l) => !shown.includes(l),
      );
      throw new Error(
        `${error.message}; met again: ${present(r2, '#mem').join()}; missing: ${missing.join(', ')}; ${r2.cli.stderr()}`,
      );
    });
    const after = said(r2);
    for (const line of shownBefore) expect(after).toContain(line);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(Array.from({ length: count }, (_, i) => `k1: line ${i}`));
  }, 300_000);
});
