import {
  contentPrint,
  fileText,
  formatBytes,
  formatEta,
  percent,
  statusBar,
  transferLines,
} from '../../src/app/file-lines';
import { measure, type Transfer, type TransferView } from '../../src/node/files/transfer';

const view = (extra: Partial<TransferView> = {}): TransferView => ({
  id: 3,
  direction: 'in',
  room: '#cs216',
  peer: null,
  name: 'notes.pdf',
  size: 64 * 2 ** 20,
  hash: 'ab12cd34ef560789'.padEnd(64, '0'),
  from: 'a'.repeat(64),
  fromName: 'amy',
  state: 'receiving',
  bytes: 16 * 2 ** 20,
  received: 16 * 2 ** 20,
  rate: 4 * 2 ** 20,
  etaMs: 12_000,
  peers: 2,
  ...extra,
});

describe('a transfer in words', () => {
  it('says sizes, time left and the content fingerprint as people read them', () => {
    expect([0, 812, 4300, 67_000_000, 1.2 * 2 ** 30].map(formatBytes)).toEqual([
      '0 B',
      '812 B',
      '4.20 KiB',
      '63.9 MiB',
      '1.20 GiB',
    ]);
    expect([null, 40_000, 180_000, 7_200_000].map(formatEta)).toEqual([
      '',
      '40 s left',
      '3 min left',
      '2 h left',
    ]);
    expect(contentPrint(view().hash)).toBe('ab12 cd34 ef56 0789');
  });

  it('is 100% only when every byte is there', () => {
    expect(percent({ bytes: 999, size: 1000 })).toBe(99);
    expect(percent({ bytes: 1000, size: 1000 })).toBe(100);
    expect(percent({ bytes: 0, size: 0 })).toBe(100);
  });

  it('shows what a peer named it with every control visible', () => {
    const hostile = view({
      name: 'a\u001b[31m\u202Eb.exe',
      fromName: 'x\u0007y',
      state: 'offered',
    });
    const line = fileText.offer(hostile);
    expect(line).toBe(
      '#cs216: x^Gy offers a^[[31m<U+202E>b.exe (64.0 MiB, content ab12 cd34 ef56 0789): /accept 3 or /decline 3',
    );
    expect(transferLines([hostile])[0]).toContain('a^[[31m<U+202E>b.exe from x^Gy');
  });

  it('says a peer offered one to you, and ours where it was offered', () => {
    expect(fileText.offer(view({ room: null, peer: '127.0.0.1:9090', state: 'offered' }))).toMatch(
      /^127\.0\.0\.1:9090 \(amy\) offers you notes\.pdf/,
    );
    expect(fileText.offer(view({ direction: 'out', state: 'serving' }))).toMatch(
      /^offered notes\.pdf \(64\.0 MiB, content ab12 cd34 ef56 0789\) to #cs216 as file 3;/,
    );
  });

  it('lists each transfer on one line: way, place, name, percent, speed, time left, peers', () => {
    expect(transferLines([view()])).toEqual([
      '3 <- #cs216 notes.pdf from amy: 25% of 64.0 MiB, 4.00 MiB/s, 12 s left, 2 serving it',
    ]);
    expect(transferLines([])).toEqual([
      'no files offered or received yet: /file #ROOM PATH offers one',
    ]);
  });

  it('puts a bar on the status line only while a file comes', () => {
    expect(statusBar([view()])).toBe('[file 3 ###------- 25%]');
    expect(statusBar([view(), view({ id: 4 })])).toBe('[file 3 ###------- 25% +1]');
    expect(statusBar([view({ state: 'done' })])).toBe('');
  });
});

describe("a transfer's speed", () => {
  it('falls to nothing when nothing moved since the last sample', () => {
    const transfer = { ...view(), offer: null, sample: { at: 0, bytes: 0 }, lastProgressAt: 0 };
    transfer.rate = 0;
    measure(transfer as Transfer, 1000, 1000, 1000);
    expect(transfer.rate).toBe(1000);
    measure(transfer as Transfer, 1000, 1000, 2000);
    expect(transfer.rate).toBe(0);
  });
});
