import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransfersFile } from '../../src/store/transfers-file';
import type { JournalledTransfer } from '../../src/node/files/file-transport';
import { waitUntil } from '../helpers/net';

const offer = {
  name: 'notes.txt',
  size: 5,
  hash: '1'.repeat(64),
  core: '2'.repeat(64),
  block: 1024,
};

describe('transfers.json', () => {
  it('gives back what it kept: files of rooms and of peers, both ways', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-tui-transfers-file-'));
    const kept: JournalledTransfer[] = [
      {
        direction: 'in',
        room: '#files',
        offer,
        state: 'receiving',
        from: 'a'.repeat(64),
        download: { final: '/d/notes.txt', partial: '/d/notes.txt.part' },
      },
      { direction: 'in', room: null, peer: '127.0.0.1:9090', offer, state: 'done', path: '/d/x' },
      {
        direction: 'out',
        room: null,
        peer: '127.0.0.1:9090',
        offer,
        state: 'serving',
        source: '/s',
      },
    ];
    const errors: Error[] = [];
    new TransfersFile(dir, (e) => errors.push(e)).save(kept);
    const file = new TransfersFile(dir, (e) => errors.push(e));
    await waitUntil(() => file.load().length === 3, 4000, 'the file written');
    expect(file.load()).toEqual(kept);
    expect(errors).toEqual([]);
  });

  it('is empty when the file is missing or not what it wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peer-tui-transfers-file-'));
    expect(new TransfersFile(dir, () => undefined).load()).toEqual([]);
    writeFileSync(join(dir, 'transfers.json'), '[{"direction":"sideways"}]');
    expect(new TransfersFile(dir, () => undefined).load()).toEqual([]);
  });
});
