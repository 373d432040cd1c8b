import { highlighter } from '../../../src/app/highlight';
import { ChatModel } from '../../../src/screen/model/state';
import { makeAddress } from '../../../src/wire/address';

const bob = makeAddress('127.0.0.1', 9001);
const amy = makeAddress('127.0.0.1', 9002);

function message(from: typeof bob, text: string, name = 'n') {
  return {
    from,
    name,
    text,
    dialect: 'std' as const,
    sourceIp: '127.0.0.1',
    headerMatchesSource: true,
    at: 0,
  };
}

const texts = (model: ChatModel): string[] =>
  model.conversations.current.log.map((entry) => ('text' in entry ? entry.text : ''));

describe('highlights', () => {
  it('are whole words in any case, your name or a highlight word', () => {
    const is = highlighter(['blockchain', 'exam']);
    expect(is('hey Blockchain, look')).toBe(true);
    expect(is('the EXAM is today')).toBe(true);
    expect(is('blockchains everywhere')).toBe(false);
    expect(is('re-examine')).toBe(false);
    expect(is('nothing here')).toBe(false);
    expect(highlighter(['a.b'])('axb')).toBe(false); // words are literal, not patterns
    expect(highlighter([])('anything')).toBe(false);
  });
});

describe('conversations', () => {
  it('view 1 has every line; a peer that writes gets a view with only its conversation', () => {
    const model = new ChatModel();
    model.chat(message(bob, 'from bob', 'bob'));
    model.chat(message(amy, 'from amy', 'amy'));
    model.own(bob, 'to bob', 'id1');
    model.system('bob left', 'info', { about: bob.key });
    model.system('a warning for everyone');
    expect(texts(model)).toEqual([
      'from bob',
      'from amy',
      'to bob',
      'bob left',
      'a warning for everyone',
    ]);
    expect(model.conversations.views.map((view) => view.title)).toEqual(['all', 'bob', 'amy']);
    model.showView(2);
    expect(texts(model)).toEqual(['from bob', 'to bob', 'bob left']);
  });

  it('Enter sends to the peer of the view on screen, to the target in view 1', () => {
    const model = new ChatModel();
    model.setTarget(amy);
    model.chat(message(bob, 'hi'));
    expect(model.sendsTo).toEqual(amy);
    model.showView(2);
    expect(model.sendsTo?.key).toBe(bob.key);
  });

  it('counts unread and highlights where they are not seen; reading a view clears them', () => {
    const model = new ChatModel();
    model.highlightWith(highlighter(['me']));
    model.chat(message(bob, 'one'));
    model.chat(message(amy, 'hello me'));
    model.chat(message(amy, 'two'));
    expect(model.conversations.activity()).toEqual([
      { number: 3, highlight: true },
      { number: 2, highlight: false },
    ]);
    expect(model.alerts).toBe(3);
    expect(model.nextActiveView()).toBe(true); // highlights first
    expect(model.conversations.currentNumber).toBe(3);
    expect(model.conversations.current).toMatchObject({ unread: 0, highlights: 0 });
    model.chat(message(amy, 'seen at once'));
    expect(model.conversations.current.unread).toBe(0);
    expect(model.nextActiveView()).toBe(true);
    expect(model.conversations.currentNumber).toBe(2);
    expect(model.nextActiveView()).toBe(false);
  });

  it('keeps each view its own scroll position and new-below mark', () => {
    const model = new ChatModel();
    for (let i = 0; i < 20; i++) model.chat(message(bob, `b${i}`));
    model.scroll(5);
    model.chat(message(bob, 'late'));
    expect(model.unseenBelow).toBe(1);
    model.showView(2);
    expect(model.scrollOffset).toBe(0);
    model.showView(1);
    expect(model.scrollOffset).toBe(6);
  });

  it('switches round with next and previous, and /close never closes view 1', () => {
    const model = new ChatModel();
    model.chat(message(bob, 'x'));
    model.chat(message(amy, 'y'));
    model.stepView(-1);
    expect(model.conversations.currentNumber).toBe(3);
    model.stepView(1);
    expect(model.conversations.currentNumber).toBe(1);
    expect(model.closeView()).toBe(false);
    model.showView(2);
    expect(model.closeView()).toBe(true);
    expect(model.conversations.views.map((view) => view.title)).toEqual(['all', 'n']);
    expect(model.conversations.currentNumber).toBe(1);
    expect(model.showView(7)).toBe(false);
  });

  it('opens at most MAX_VIEWS views: a class writing at once stays in view 1', () => {
    const model = new ChatModel();
    for (let port = 1; port <= 500; port++)
      model.chat(message(makeAddress('127.0.0.1', port), 'hi'));
    expect(model.conversations.views.length).toBe(50);
    expect(model.log).toHaveLength(500);
    expect(model.query(makeAddress('127.0.0.1', 9999), 'late')).toBe(false);
  });
});
