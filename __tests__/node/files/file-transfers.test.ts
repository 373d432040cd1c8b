import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FileTransfers } from '../../../src/node/files/file-transfers';
import type { FilesOptions, JournalledTransfer } from '../../../src/node/files/file-transport';
import type { TransferView } from '../../../src/node/files/transfer';
import type { NodeEvents } from '../../../src/node/events';
import { downloadsFolder } from '../../../src/store/downloads';
import { LIMITS } from '../../../src/wire/limits';
import { FakeDirect, FakeFiles } from '../../helpers/fake-files';
import type { FileOffer } from '../../../src/wire/file-offer';
import { waitUntil } from '../../helpers/net';

const AMY = { key: 'a'.repeat(64), name: 'amy' };
const ROOM = '#files';

type Told = { event: keyof NodeEvents; view: TransferView | { code: string; message: string } };

function setup(
  options: Partial<FilesOptions> = {},
  files = new FakeFiles(),
  carrier: () => boolean = () => true,
) {
  const direct = new FakeDirect(files);
  const toMembers: { key: string; offer: FileOffer }[] = [];
  const root = mkdtempSync(join(tmpdir(), 'peer-tui-transfers-'));
  const dir = join(root, 'Downloads');
  const told: Told[] = [];
  const posted: string[] = [];
  let kept: JournalledTransfer[] = [];
  const journal = { load: () => kept, save: (all: JournalledTransfer[]) => (kept = all) };
  const make = (): FileTransfers =>
    new FileTransfers(
      {
        emit: ((event: keyof NodeEvents, view: Told['view']) =>
          told.push({ event, view })) as never,
        rooms: () => (carrier() ? files : undefined),
        post: async (_room, offer) => {
          posted.push(offer.name);
        },
        direct,
        offerToMember: (key, offer) => {
          toMembers.push({ key, offer });
          return key !== 'f'.repeat(64);
        },
        ownKey: 'b'.repeat(64),
        ownName: () => 'bob',
      },
      { downloads: downloadsFolder(dir), journal, ...options },
    );
  const views = (event: keyof NodeEvents): TransferView[] =>
    told.filter((t) => t.event === event).map((t) => t.view as TransferView);
  return { root, dir, told, posted, files, direct, toMembers, make, views, journalled: () => kept };
}

afterEach(() => jest.useRealTimers());

describe('files offered to us', () => {
  it('are shown with name, size, sender and content hash, and nothing is written before /accept', async () => {
    const { root, dir, make, files, views } = setup();
    const transfers = make();
    transfers.offered(ROOM, AMY, files.offer('notes.txt', Buffer.from('hello')), false);
    const [offer] = views('file-offer');
    expect(offer).toMatchObject({
      id: 1,
      direction: 'in',
      name: 'notes.txt',
      size: 5,
      from: AMY.key,
    });
    expect(offer?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    transfers.close();
  });

  it('accepted, arrive with progress that never goes back, saved under their name once the hash matches', async () => {
    const { dir, make, files, views } = setup();
    const transfers = make();
    const content = Buffer.alloc(64 * 1024, 7);
    transfers.offered(ROOM, AMY, files.offer('photo.jpg', content), false);
    expect(await transfers.accept(1)).toEqual({ ok: true, text: 'receiving file 1, photo.jpg' });
    await waitUntil(() => views('file-done').length === 1, 5000, 'the file saved');
    const progress = views('file-progress').map((v) => v.bytes);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(content.length);
    const [done] = views('file-done');
    expect(done?.path).toBe(join(dir, 'photo.jpg'));
    expect(readFileSync(join(dir, 'photo.jpg')).equals(content)).toBe(true);
    expect(readdirSync(dir)).toEqual(['photo.jpg']);
    transfers.close();
  });

  it('with hostile names are saved directly inside the downloads folder, nothing else touched', async () => {
    const { root, dir, make, files, views } = setup();
    writeFileSync(join(root, 'passwd'), 'untouched');
    const transfers = make();
    const names = ['../../etc/passwd', '/abs/x', '.bashrc', 'a\u202Etxt.exe', 'x'.repeat(4000)];
    names.forEach((name) =>
      transfers.offered(ROOM, AMY, files.offer(name, Buffer.from(name)), false),
    );
    for (let id = 1; id <= names.length; id += 1)
      expect((await transfers.accept(id)).ok).toBe(true);
    await waitUntil(() => views('file-done').length === names.length, 5000, 'all saved');
    for (const done of views('file-done')) expect(dirname(done.path ?? '')).toBe(dir);
    expect(readdirSync(dir).sort()).toEqual(
      ['passwd', 'x', 'bashrc', 'atxt.exe', `${'x'.repeat(250)}`].sort(),
    );
    expect(readdirSync(root).sort()).toEqual(['Downloads', 'passwd']);
    expect(readFileSync(join(root, 'passwd'), 'utf8')).toBe('untouched');
    transfers.close();
  });

  it('declined, write nothing and cannot be accepted after', async () => {
    const { dir, make, files } = setup();
    const transfers = make();
    transfers.offered(ROOM, AMY, files.offer('a.bin', Buffer.from('aaa')), false);
    expect(transfers.decline(1).ok).toBe(true);
    expect((await transfers.accept(1)).text).toBe('file 1 is declined already');
    expect(existsSync(dir)).toBe(false);
    transfers.close();
  });

  it('come in unasked under auto-accept only, and never from a backlog', async () => {
    const { make, files, views } = setup({ autoAccept: 100 });
    const transfers = make();
    transfers.offered(ROOM, AMY, files.offer('small', Buffer.alloc(100)), false);
    transfers.offered(ROOM, AMY, files.offer('large', Buffer.alloc(101)), false);
    transfers.offered(ROOM, AMY, files.offer('old', Buffer.alloc(10)), true);
    await waitUntil(() => views('file-done').length === 1, 5000, 'the small one saved');
    expect(transfers.list().map((t) => `${t.name} ${t.state}`)).toEqual([
      'small done',
      'large offered',
      'old offered',
    ]);
    transfers.close();
  });

  it('past file-max, files-total or the free disk are refused with the reason', async () => {
    const { make, files } = setup({ fileMax: 1000, filesTotal: 1500 });
    const transfers = make();
    transfers.offered(ROOM, AMY, files.offer('big', Buffer.alloc(1001)), false);
    transfers.offered(ROOM, AMY, files.offer('one', Buffer.alloc(1000)), false);
    transfers.offered(ROOM, AMY, files.offer('two', Buffer.alloc(1000)), false);
    expect((await transfers.accept(1)).text).toBe(
      'file 1 not accepted: 1001 bytes is over file-max (1000)',
    );
    expect((await transfers.accept(2)).ok).toBe(true);
    expect((await transfers.accept(3)).text).toBe(
      'file 3 not accepted: files kept would pass files-total (1500 bytes)',
    );
    transfers.close();
    const full = setup({
      downloads: { ...downloadsFolder('/nonexistent'), free: async () => 100 },
    });
    const small = full.make();
    small.offered(ROOM, AMY, full.files.offer('f', Buffer.alloc(60)), false);
    expect((await small.accept(1)).text).toBe(
      'file 1 not accepted: 120 bytes needed, 100 free on disk',
    );
    small.close();
  });

  it('whose content is not what was offered are not saved: file-failed E_FILE_HASH, the partial removed', async () => {
    const { dir, make, files, views } = setup();
    const transfers = make();
    const offer = files.offer('liar.txt', Buffer.from('promised'));
    files.content.set(offer.core, Buffer.from('not that'));
    transfers.offered(ROOM, AMY, offer, false);
    await transfers.accept(1);
    await waitUntil(() => views('file-failed').length === 1, 5000, 'the transfer failed');
    expect(views('file-failed')[0]?.error?.code).toBe('E_FILE_HASH');
    expect(readdirSync(dir)).toEqual([]);
    expect(files.held.has(offer.core)).toBe(false);
    transfers.close();
  });

  it('cancelled, stop, lose their partial file and say so once', async () => {
    const files = new FakeFiles(10);
    let release = (): void => undefined;
    files.gate = () => new Promise((resolve) => (release = resolve));
    const { dir, make, views } = setup({}, files);
    const transfers = make();
    transfers.offered(ROOM, AMY, files.offer('slow', Buffer.alloc(100)), false);
    await transfers.accept(1);
    await waitUntil(() => transfers.list()[0]?.state === 'receiving', 5000, 'receiving');
    expect((await transfers.cancel(1)).ok).toBe(true);
    release();
    expect(views('file-failed').map((v) => `${v.state} ${v.error?.code}`)).toEqual([
      'cancelled E_FILE_CANCELLED',
    ]);
    expect(readdirSync(dir)).toEqual([]);
    expect((await transfers.cancel(1)).ok).toBe(false);
    transfers.close();
  });

  it(`run ${LIMITS.maxTransfers} at once; the next accepted waits its turn`, async () => {
    const files = new FakeFiles(10);
    const gates: (() => void)[] = [];
    files.gate = () => new Promise((resolve) => gates.push(resolve));
    const { make } = setup({}, files);
    const transfers = make();
    for (let i = 0; i <= LIMITS.maxTransfers; i += 1) {
      transfers.offered(ROOM, AMY, files.offer(`f${i}`, Buffer.alloc(10)), false);
      await transfers.accept(i + 1);
    }
    const states = (): string[] => transfers.list().map((t) => t.state);
    expect(states().filter((s) => s === 'receiving')).toHaveLength(LIMITS.maxTransfers);
    expect(states().at(-1)).toBe('waiting');
    for (const open of gates.splice(0)) open();
    await waitUntil(() => states().at(-1) === 'receiving', 5000, 'the last one started');
    transfers.close();
  });

  it('from a member past its cap of waiting offers are not shown, said once', () => {
    const { make, files, told, views } = setup();
    const transfers = make();
    for (let i = 0; i < LIMITS.maxOffersPerPeer + 50; i += 1)
      transfers.offered(ROOM, AMY, files.offer(`spam${i}`, Buffer.from([i])), false);
    expect(views('file-offer')).toHaveLength(LIMITS.maxOffersPerPeer);
    const warnings = told.filter((t) => t.event === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.view).toMatchObject({ code: 'E_FILE_OFFERS' });
    transfers.close();
  });
});

describe('transfers across a restart', () => {
  it('one being received is resumed when its room is joined again; ours are served again', async () => {
    const files = new FakeFiles(10);
    let open = false;
    files.gate = () => (open ? Promise.resolve() : new Promise(() => undefined));
    const { dir, make, views, journalled } = setup({}, files);
    const first = make();
    first.offered(ROOM, AMY, files.offer('movie.mkv', Buffer.alloc(100, 1)), false);
    await first.accept(1);
    const mine = join(dir, '..', 'mine.txt');
    writeFileSync(mine, 'ours');
    expect((await first.offer({ room: ROOM, peer: null }, mine)).ok).toBe(true);
    expect(journalled().map((t) => `${t.direction} ${t.state}`)).toEqual([
      'in receiving',
      'out serving',
    ]);
    first.close();

    open = true;
    files.held.clear();
    const second = make();
    expect(second.list()).toEqual([]);
    second.resume(ROOM);
    await waitUntil(() => views('file-done').length === 1, 5000, 'resumed and saved');
    expect(readFileSync(join(dir, 'movie.mkv')).equals(Buffer.alloc(100, 1))).toBe(true);
    expect(files.held.size).toBe(2);
    second.close();
  });
});

describe('files between two peer-tui', () => {
  const PEER = '127.0.0.1:9090';

  it('an offer over a files connection is answered ok, shown, and fetched from that peer once accepted', async () => {
    const { dir, make, files, views } = setup();
    const transfers = make();
    const offer = files.offer('direct.bin', Buffer.alloc(3000, 3));
    expect(transfers.offeredDirect(PEER, AMY, offer)).toEqual({ ok: true });
    // The same offer again (a sender that retried) is the same transfer.
    expect(transfers.offeredDirect(PEER, AMY, offer)).toEqual({ ok: true });
    expect(views('file-offer')).toHaveLength(1);
    expect(views('file-offer')[0]).toMatchObject({ room: null, peer: PEER, fromName: 'amy' });
    await transfers.accept(1);
    await waitUntil(() => views('file-done').length === 1, 5000, 'saved');
    expect(readFileSync(join(dir, 'direct.bin')).equals(Buffer.alloc(3000, 3))).toBe(true);
    transfers.close();
  });

  it('past the cap of offers waiting, a peer is answered E_FILE_OFFERS', () => {
    const { make, files } = setup();
    const transfers = make();
    for (let i = 0; i < LIMITS.maxOffersPerPeer; i += 1)
      expect(transfers.offeredDirect(PEER, AMY, files.offer(`f${i}`, Buffer.from([i]))).ok).toBe(
        true,
      );
    expect(
      transfers.offeredDirect(PEER, AMY, files.offer('one more', Buffer.from('x'))),
    ).toMatchObject({
      ok: false,
      code: 'E_FILE_OFFERS',
    });
    transfers.close();
  });

  it('ours refused by the peer fails with its reason, and is not served', async () => {
    const { root, make, direct, views, journalled } = setup();
    const transfers = make();
    direct.refuse = { ok: false, code: 'E_FILE_OFFERS', message: 'too many offers waiting' };
    const mine = join(root, 'mine.txt');
    writeFileSync(mine, 'ours');
    const answer = await transfers.offer({ room: null, peer: PEER }, mine);
    // Said once, by its event.
    expect(answer).toEqual({ ok: false, text: 'too many offers waiting', said: true });
    expect(views('file-failed').map((v) => v.error)).toEqual([
      { code: 'E_FILE_OFFERS', message: 'too many offers waiting' },
    ]);
    expect(journalled()).toEqual([]);
    direct.refuse = null;
    expect((await transfers.offer({ room: null, peer: PEER }, mine)).ok).toBe(true);
    expect(direct.offered.map((o) => o.to)).toEqual([PEER]);
    expect(journalled()).toMatchObject([{ direction: 'out', peer: PEER, source: mine }]);
    transfers.close();
  });
});

describe('a file of ours that cannot be offered', () => {
  it('fails once, in words: no such file', async () => {
    const { root, make, views } = setup();
    const transfers = make();
    const answer = await transfers.offer({ room: ROOM, peer: null }, join(root, 'nothing-here'));
    expect(answer.said).toBe(true);
    expect(views('file-failed').map((v) => v.error)).toEqual([
      { code: 'E_FILE_READ', message: 'no such file' },
    ]);
    transfers.close();
  });
});

describe('files to a member reached by key', () => {
  const MEMBER = 'c'.repeat(64);

  it('go over its room connection: offered there, fetched from its place @KEY', async () => {
    const { root, dir, make, files, toMembers, views } = setup();
    const transfers = make();
    const mine = join(root, 'mine.txt');
    writeFileSync(mine, 'ours');
    expect((await transfers.offer({ room: null, peer: `@${MEMBER}` }, mine)).ok).toBe(true);
    expect(toMembers.map((t) => t.key)).toEqual([MEMBER]);
    expect(views('file-offer')[0]).toMatchObject({ direction: 'out', peer: `@${MEMBER}` });

    const offer = files.offer('theirs.txt', Buffer.from('theirs'));
    expect(transfers.offeredDirect(`@${MEMBER}`, { key: MEMBER, name: 'cat' }, offer)).toEqual({
      ok: true,
    });
    await transfers.accept(2);
    await waitUntil(() => views('file-done').length === 1, 5000, 'saved');
    expect(readFileSync(join(dir, 'theirs.txt'), 'utf8')).toBe('theirs');
    transfers.close();
  });

  it('not connected now: refused with what to do, nothing served', async () => {
    const { root, make, views, journalled } = setup();
    const transfers = make();
    const mine = join(root, 'mine.txt');
    writeFileSync(mine, 'ours');
    const answer = await transfers.offer({ room: null, peer: `@${'f'.repeat(64)}` }, mine);
    expect(answer.ok).toBe(false);
    expect(views('file-failed').map((v) => v.error)).toEqual([
      { code: 'E_FILE_OFFER', message: 'not connected to it now: offer it in a room you share' },
    ]);
    expect(journalled()).toEqual([]);
    transfers.close();
  });
});

describe('a member file across a restart', () => {
  it('waits for the room carrier (made at the first join) before it is taken up', async () => {
    const files = new FakeFiles(10);
    let carrier = true;
    const { dir, make, views, journalled } = setup({}, files, () => carrier);
    const first = make();
    const MEMBER = 'd'.repeat(64);
    const offer = files.offer('m.bin', Buffer.alloc(50, 5));
    first.offeredDirect(`@${MEMBER}`, { key: MEMBER, name: 'dan' }, offer);
    files.gate = () => new Promise(() => undefined);
    await first.accept(1);
    first.close();
    expect(journalled()).toMatchObject([{ peer: `@${MEMBER}`, state: 'receiving' }]);

    files.gate = () => Promise.resolve();
    carrier = false;
    const second = make();
    second.resume(null);
    expect(second.list()).toEqual([]);
    expect(journalled()).toHaveLength(1);
    carrier = true;
    second.resume('#files');
    second.resume(null);
    await waitUntil(() => views('file-done').length === 1, 5000, 'taken up and saved');
    expect(readFileSync(join(dir, 'm.bin')).equals(Buffer.alloc(50, 5))).toBe(true);
    second.close();
  });
});

describe('what we send', () => {
  it('is said each time it changes, the last count too, whatever the timer jitter', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    let clock = 1000;
    let sent = 0;
    const files = new FakeFiles();
    const { root, direct } = setup({}, files);
    direct.uploads = () => ({ bytes: sent, peers: 1 }) as never;
    const told: number[] = [];
    const transfers = new FileTransfers(
      {
        emit: ((event: string, view: TransferView) => {
          if (event === 'file-progress') told.push(view.bytes);
        }) as never,
        rooms: () => files,
        post: async () => undefined,
        direct,
        offerToMember: () => true,
        ownKey: 'b'.repeat(64),
        ownName: () => 'bob',
        now: () => clock,
      },
      undefined,
    );
    const mine = join(root, 'mine.txt');
    writeFileSync(mine, 'ours');
    expect((await transfers.offer({ room: null, peer: '127.0.0.1:9090' }, mine)).ok).toBe(true);
    sent = 100;
    jest.advanceTimersByTime(LIMITS.fileProgressMs);
    // The next tick comes a hair early by the clock: its count is the last one.
    clock += LIMITS.fileProgressMs - 1;
    sent = 200;
    jest.advanceTimersByTime(LIMITS.fileProgressMs);
    clock += LIMITS.fileProgressMs;
    jest.advanceTimersByTime(LIMITS.fileProgressMs);
    expect(told).toEqual([100, 200]);
    transfers.close();
  });
});
