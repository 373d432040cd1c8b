import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { History } from '../../src/store/history';
import { OutboxFile } from '../../src/store/outbox-journal';
import { Store } from '../../src/store/store';
import { makeAddress } from '../../src/wire/address';
import { historyLines } from '../../src/app/history-lines';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'peer-tui-store-'));
const to = makeAddress('127.0.0.1', 9090);
const item = (id: string, text: string) => ({ id, to, kind: 'chat' as const, text, createdAt: 1 });

describe('History', () => {
  it('appends records and reads them back, skipping a torn last line', () => {
    const dir = fresh();
    const history = new History(dir);
    history.record({ t: 1, type: 'in', peer: '127.0.0.1:9090', name: 'P2', text: 'hello' });
    history.record({ t: 2, type: 'join', peer: '127.0.0.1:9090', name: 'P2' });
    history.close();
    appendFileSync(join(dir, 'history.jsonl'), '{"t":3,"type":"in","peer":"127.0');
    expect(new History(dir).all()).toHaveLength(2);
  });

  it('searches the whole file, any case, and shows own messages with their last state', () => {
    const history = new History(fresh());
    history.record({ t: 1, type: 'out', id: 'a', peer: '127.0.0.1:9090', text: 'Hello There' });
    history.record({ t: 2, type: 'delivery', id: 'a', state: 'queued' });
    history.record({ t: 3, type: 'delivery', id: 'a', state: 'sent' });
    history.record({ t: 4, type: 'in', peer: '127.0.0.1:9090', name: 'P2', text: 'other' });
    const lines = historyLines(history.all());
    expect(lines.map((l) => l.text)).toEqual([
      'me -> 127.0.0.1:9090 Hello There (sent)',
      '127.0.0.1:9090 P2 other',
    ]);
    // The hits come with the deliveries of the own messages among them (their final state).
    expect(history.search('hello').map((r) => r.type)).toEqual(['out', 'delivery', 'delivery']);
  });
});

describe('OutboxFile', () => {
  it('gives back what waits, in order, and what failed; sent ones are gone; the file is compacted', () => {
    const dir = fresh();
    const journal = new OutboxFile(dir);
    journal.queued(item('a', 'one'));
    journal.queued(item('b', 'two'));
    journal.queued(item('c', 'three'));
    journal.queued(item('d', 'four'));
    journal.settled('a', 'sent');
    journal.settled('c', 'failed');
    journal.close();
    appendFileSync(join(dir, 'outbox.jsonl'), '{"op":"settled","id":"b","st');
    const loaded = new OutboxFile(dir).load();
    expect(loaded.waiting.map((m) => m.text)).toEqual(['two', 'four']);
    expect(loaded.failed.map((m) => m.text)).toEqual(['three']);
    expect(readFileSync(join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(new OutboxFile(dir).load().waiting.map((m) => m.text)).toEqual(['two', 'four']);
  });
});

describe('Store', () => {
  it('says why when the data folder cannot be made', () => {
    const file = join(fresh(), 'a-file');
    writeFileSync(file, 'not a folder');
    const opened = Store.open({ dir: join(file, 'inside'), history: true });
    expect(opened).toEqual({ error: expect.stringContaining('cannot keep history and outbox in') });
  });

  it('keeps no history with history off, but still an outbox', () => {
    const dir = fresh();
    const opened = Store.open({ dir, history: false });
    if (!(opened instanceof Store)) throw new Error(opened.error);
    expect(opened.history).toBeUndefined();
    opened.queued(item('a', 'x'));
    opened.flush();
    expect(new OutboxFile(dir).load().waiting.map((m) => [m.id, m.text])).toEqual([['a', 'x']]);
    expect(existsSync(join(dir, 'history.jsonl'))).toBe(false);
  });
});
