import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../helpers/net';
import { freePort, startCli } from '../helpers/cli';
import {
  events,
  MEET_MS,
  present,
  roomMember,
  useLocalDht,
  type Event,
  type Member,
} from '../helpers/room-cli';

// Files in a room, between real peer-tui on a local DHT (issue 23).

const testnet = useLocalDht();
const ROOM = '#files';
const MiB = 1024 * 1024;

const folder = (what: string): string => mkdtempSync(join(tmpdir(), `peer-tui-files-${what}-`));

function fileOf(bytes: number): { path: string; sha: string } {
  const path = join(folder('source'), 'payload.bin');
  writeFileSync(path, randomBytes(bytes));
  return { path, sha: sha256(path) };
}
const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

async function member(name: string, downloads: string, reuse?: Member): Promise<Member> {
  return roomMember(testnet(), name, [ROOM], reuse, ['--downloads', downloads]);
}

const fileEvents = (m: Member, type: string): Event[] => events(m).filter((e) => e.type === type);
const incoming = (m: Member): Event | undefined =>
  fileEvents(m, 'file-offer').find((e) => e.direction === 'in');

async function meet(a: Member, b: Member): Promise<void> {
  await waitUntil(
    () => present(a, ROOM).includes(b.name) && present(b, ROOM).includes(a.name),
    MEET_MS,
    `${a.name} and ${b.name} meet`,
  );
}

/** `from` offers the file; `to` waits for the offer and accepts it; its id. */
async function offerAndAccept(from: Member, to: Member, path: string): Promise<number> {
  from.cli.write(`/file ${ROOM} ${path}\n`);
  await waitUntil(() => incoming(to) !== undefined, 60_000, `the offer at ${to.name}`);
  const id = Number(incoming(to)?.id);
  to.cli.write(`/accept ${id}\n`);
  return id;
}

describe('a file offered in a room', () => {
  it('64 MiB reaches another peer-tui whole: hash equal, progress never going back, never visible under its name before it is all there', async () => {
    const source = fileOf(64 * MiB);
    const downloads = folder('b');
    const a = await member('a', folder('a'));
    const b = await member('b', downloads);
    await meet(a, b);
    await offerAndAccept(a, b, source.path);
    const final = join(downloads, 'payload.bin');
    // Whenever the final name exists it holds the whole file (it is a link to a verified one).
    let sawPartial = false;
    await waitUntil(
      () => {
        if (existsSync(`${final}.part`)) sawPartial = true;
        if (existsSync(final)) expect(statSync(final).size).toBe(64 * MiB);
        return fileEvents(b, 'file-done').length + fileEvents(b, 'file-failed').length > 0;
      },
      120_000,
      'the file at b',
    );
    expect(fileEvents(b, 'file-failed')).toEqual([]);
    expect(sawPartial).toBe(true);
    expect(sha256(final)).toBe(source.sha);
    expect(readdirSync(downloads)).toEqual(['payload.bin']);
    const progress = fileEvents(b, 'file-progress').map((e) => Number(e.bytes));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.at(-1)).toBe(64 * MiB);
    // A few a second at most.
    const times = fileEvents(b, 'file-progress').length;
    expect(times).toBeLessThan(64 * 4 + 10);
  }, 180_000);

  it('the receiver killed (kill -9) about half way, restarted, completes without fetching the verified part again', async () => {
    const size = 64 * MiB;
    const source = fileOf(size);
    const downloads = folder('b');
    const a = await member('a', folder('a'));
    let b = await member('b', downloads);
    await meet(a, b);
    await offerAndAccept(a, b, source.path);
    const had = (): number =>
      Math.max(0, ...fileEvents(b, 'file-progress').map((e) => Number(e.bytes)));
    await waitUntil(() => had() >= size * 0.45, 120_000, 'b at about half');
    b.cli.child.kill('SIGKILL');
    await b.cli.exited;
    const before = had();
    expect(before).toBeLessThan(size);
    expect(existsSync(join(downloads, 'payload.bin'))).toBe(false);

    b = await member('b', downloads, b);
    await waitUntil(() => fileEvents(b, 'file-done').length > 0, 120_000, 'b done after restart');
    const [done] = fileEvents(b, 'file-done');
    expect(sha256(join(downloads, 'payload.bin'))).toBe(source.sha);
    // What came over the network the second time: at most what was not verified before.
    // The blocks it had verified stay (those of the last moment before the kill may not have
    // reached the store yet: a few blocks, never the half it had).
    const margin = 16 * 256 * 1024;
    expect(Number(done?.received)).toBeLessThanOrEqual(size - before + margin);
    expect(Number(done?.received)).toBeLessThan(size * 0.75);
    expect(readdirSync(downloads)).toEqual(['payload.bin']);
  }, 240_000);

  it('in a room of three, one that was away gets it from the member that took it, after the sender quit', async () => {
    const source = fileOf(3 * MiB + 123);
    const a = await member('a', folder('a'));
    const b = await member('b', folder('b'));
    await meet(a, b);
    await offerAndAccept(a, b, source.path);
    await waitUntil(() => fileEvents(b, 'file-done').length > 0, 60_000, 'b has it');
    a.cli.write('/quit\n');
    await a.cli.exited;

    const downloads = folder('c');
    const c = await member('c', downloads);
    await waitUntil(() => incoming(c) !== undefined, MEET_MS, 'the offer at c, from the backlog');
    expect(incoming(c)).toMatchObject({ backlog: true, fromName: 'a', size: 3 * MiB + 123 });
    c.cli.write(`/accept ${Number(incoming(c)?.id)}\n`);
    await waitUntil(() => fileEvents(c, 'file-done').length > 0, 60_000, 'c has it');
    expect(sha256(join(downloads, 'payload.bin'))).toBe(source.sha);
    // a was gone before c came: c only ever met b.
    expect(present(c, ROOM)).toEqual(['b']);
  }, 180_000);
});

/** A headless peer-tui by IP:PORT only (no room), its downloads in `downloads`. */
async function direct(name: string, downloads: string, reuse?: Member): Promise<Member> {
  const port = reuse?.port ?? (await freePort());
  const dir = reuse?.dir ?? folder(`${name}-data`);
  const cli = startCli([
    ...['--headless', '--json', '--name', name, '--port', String(port), '--host', '127.0.0.1'],
    ...['--data-dir', dir, '--downloads', downloads],
  ]);
  await cli.waitFor('"type":"listening"');
  return { cli, name, port, dir };
}

/** `a` writes `b` a line: `b` answers as a peer-tui, so `a` may offer it files. */
async function introduce(a: Member, b: Member): Promise<void> {
  a.cli.write(`/send 127.0.0.1:${b.port} hello\n`);
  await waitUntil(() => events(a).some((e) => e.state === 'sent'), 10_000, 'the line sent');
}

describe('a file offered to one peer-tui', () => {
  it('64 MiB arrives over a files connection, encrypted: hash equal, progress never going back', async () => {
    const source = fileOf(64 * MiB);
    const downloads = folder('b');
    const a = await direct('a', folder('a'));
    const b = await direct('b', downloads);
    await introduce(a, b);
    a.cli.write(`/file 127.0.0.1:${b.port} ${source.path}\n`);
    await waitUntil(() => incoming(b) !== undefined, 30_000, 'the offer at b');
    expect(incoming(b)).toMatchObject({ room: null, peer: `127.0.0.1:${a.port}`, fromName: 'a' });
    // Nothing is written before it is accepted.
    expect(readdirSync(downloads)).toEqual([]);
    b.cli.write(`/accept ${Number(incoming(b)?.id)}\n`);
    await waitUntil(() => fileEvents(b, 'file-done').length > 0, 60_000, 'the file at b');
    expect(sha256(join(downloads, 'payload.bin'))).toBe(source.sha);
    const progress = fileEvents(b, 'file-progress').map((e) => Number(e.bytes));
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(progress.at(-1)).toBe(64 * MiB);
    // a saw it fetched.
    await waitUntil(
      () => fileEvents(a, 'file-progress').some((e) => Number(e.bytes) === 64 * MiB),
      10_000,
      "a's count of what it sent",
    );
  }, 120_000);

  it.each(['receiver', 'sender'] as const)(
    'the %s killed (kill -9) part way and started again: the file goes on from the pieces verified',
    async (killed) => {
      const size = 64 * MiB;
      const source = fileOf(size);
      const downloads = folder('b');
      let a = await direct('a', folder('a'));
      let b = await direct('b', downloads);
      await introduce(a, b);
      a.cli.write(`/file 127.0.0.1:${b.port} ${source.path}\n`);
      await waitUntil(() => incoming(b) !== undefined, 30_000, 'the offer at b');
      b.cli.write(`/accept ${Number(incoming(b)?.id)}\n`);
      const had = (): number =>
        Math.max(0, ...fileEvents(b, 'file-progress').map((e) => Number(e.bytes)));
      await waitUntil(() => had() >= size * 0.2, 60_000, 'b at a fifth');
      const victim = killed === 'receiver' ? b : a;
      victim.cli.child.kill('SIGKILL');
      await victim.cli.exited;
      const before = had();
      expect(before).toBeLessThan(size);
      // The receiver takes it up at its start; a sender back serves it again, asked again.
      if (killed === 'receiver') b = await direct('b', downloads, b);
      else a = await direct('a', folder('a'), a);

      await waitUntil(() => fileEvents(b, 'file-done').length > 0, 60_000, 'b done after');
      expect(sha256(join(downloads, 'payload.bin'))).toBe(source.sha);
      expect(fileEvents(b, 'file-failed')).toEqual([]);
      // What came over the network in b's run (its restart's, or both of a's connections):
      // no verified piece fetched twice.
      const [done] = fileEvents(b, 'file-done');
      const fetched = killed === 'receiver' ? size - before : size;
      expect(Number(done?.received)).toBeLessThanOrEqual(fetched);
      expect(readdirSync(downloads)).toEqual(['payload.bin']);
    },
    120_000,
  );

  it('is refused to a peer not known as a peer-tui yet, with what to do', async () => {
    const a = await direct('a', folder('a'));
    const port = await freePort();
    a.cli.write(`/file 127.0.0.1:${port} ${fileOf(10).path}\n`);
    await a.cli.waitFor('not known as a peer-tui yet');
  }, 30_000);
});

describe('a file offered to one member of a room, known by its key', () => {
  it('goes over its room connection, to it alone', async () => {
    const source = fileOf(2 * MiB + 7);
    const a = await member('a', folder('a'));
    const downloads = folder('b');
    const b = await member('b', downloads);
    await meet(a, b);
    const bKey = (events(a).find((e) => e.type === 'member-joined')?.peer as { address: string })
      .address;
    expect(bKey).toMatch(/^@[0-9a-f]{16}$/);
    a.cli.write(`/file ${bKey} ${source.path}\n`);
    await waitUntil(() => incoming(b) !== undefined, 30_000, 'the offer at b');
    expect(incoming(b)).toMatchObject({ room: null, fromName: 'a' });
    expect(String(incoming(b)?.peer)).toMatch(/^@[0-9a-f]{64}$/);
    b.cli.write(`/accept ${Number(incoming(b)?.id)}\n`);
    await waitUntil(() => fileEvents(b, 'file-done').length > 0, 60_000, 'b has it');
    expect(sha256(join(downloads, 'payload.bin'))).toBe(source.sha);
  }, 120_000);
});

describe('a file offered to a program of the assignment', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('is refused with one clear line: they take only text', async () => {
    server = createServer((socket) => socket.on('error', () => undefined).resume());
    const port = await new Promise<number>((resolve) =>
      server?.listen(0, '127.0.0.1', () => resolve((server?.address() as { port: number }).port)),
    );
    const cli = startCli([
      '--headless',
      '--name',
      'me',
      '--port',
      String(await freePort()),
      '--host',
      '127.0.0.1',
      '--data-dir',
      folder('me'),
    ]);
    await cli.waitFor('listening');
    cli.write(`/send 127.0.0.1:${port} hello\n`);
    await cli.waitFor(/sent|delivered/i, 10_000);
    const path = fileOf(10).path;
    cli.write(`/file 127.0.0.1:${port} ${path}\n`);
    await cli.waitFor('no files', 10_000);
    const lines = cli
      .stdout()
      .split('\n')
      .filter((line) => line.includes('no files'));
    expect(lines).toEqual([
      `-!- 127.0.0.1:${port} is not a peer-tui: the assignment's programs take only text, no files`,
    ]);
  }, 30_000);
});
