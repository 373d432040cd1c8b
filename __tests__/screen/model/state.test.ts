import { ChatModel } from '../../../src/screen/model/state';
import { makeAddress } from '../../../src/wire/address';

const from = makeAddress('127.0.0.1', 9090);
const message = (text: string) => ({
  from,
  name: 'P2',
  text,
  dialect: 'std' as const,
  sourceIp: '127.0.0.1',
  headerMatchesSource: true,
  at: 0,
});

describe('ChatModel', () => {
  it('caps the scrollback', () => {
    const model = new ChatModel(() => 0, 50);
    for (let i = 0; i < 1000; i++) model.chat(message(`m${i}`));
    // Trimmed in slices: between the scrollback and 100 more, always the newest, in order.
    expect(model.log.length).toBeGreaterThanOrEqual(50);
    expect(model.log.length).toBeLessThanOrEqual(150);
    const first = 1000 - model.log.length;
    expect(model.log.map((entry) => ('text' in entry ? entry.text : ''))).toEqual(
      Array.from({ length: model.log.length }, (_, i) => `m${first + i}`),
    );
    expect(model.messagesIn).toBe(1000);
  });

  it('holds the view while scrolled up and counts what arrives below', () => {
    const model = new ChatModel();
    for (let i = 0; i < 10; i++) model.chat(message(`m${i}`));
    model.scroll(3);
    model.chat(message('new'));
    model.chat(message('newer'));
    expect([model.scrollOffset, model.unseenBelow]).toEqual([5, 2]);
    model.scrollToEnd();
    expect([model.scrollOffset, model.unseenBelow]).toEqual([0, 0]);
  });

  it('shows an own message at once, then each state of its delivery', () => {
    const model = new ChatModel();
    model.own(from, 'hi', 'abc');
    expect(model.log.at(-1)).toMatchObject({ kind: 'own', state: 'sending' });
    const delivery = {
      id: 'abc',
      createdAt: 0,
      to: from,
      kind: 'chat' as const,
      text: 'hi',
      via: 'std' as const,
    };
    expect(model.delivery({ ...delivery, state: 'queued', error: 'ECONNREFUSED' })).toBe(true);
    expect(model.log.at(-1)).toMatchObject({ state: 'queued', error: 'ECONNREFUSED' });
    expect(model.messagesOut).toBe(0);
    model.delivery({ ...delivery, state: 'sent' });
    expect(model.log.at(-1)).toMatchObject({ state: 'sent' });
    expect(model.messagesOut).toBe(1);
    expect(model.delivery({ ...delivery, id: 'other', state: 'sent' })).toBe(false);
  });

  it('counts traffic per bucket and keeps a bounded series', () => {
    const model = new ChatModel();
    model.chat(message('a'));
    model.chat(message('b'));
    model.tick();
    model.chat(message('c'));
    expect(model.traffic.in).toEqual([2, 1]);
    for (let i = 0; i < 100; i++) model.tick();
    expect(model.traffic.in).toEqual(Array(30).fill(0));
  });

  it('tells subscribers of every change', () => {
    const model = new ChatModel();
    let calls = 0;
    model.subscribe(() => (calls += 1));
    model.system('x');
    model.setTarget(from);
    expect(calls).toBe(2);
  });
});
