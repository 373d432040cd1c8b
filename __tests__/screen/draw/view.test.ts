import { NO_TRUST } from '../../helpers/peer';
import { PassThrough } from 'node:stream';
import blessed from 'blessed';
import { ChatModel } from '../../../src/screen/model/state';
import { ChatView, newViewState } from '../../../src/screen/draw/view';
import { makeAddress } from '../../../src/wire/address';

function fakeTerminal(): {
  input: PassThrough;
  output: PassThrough & { columns: number; rows: number; isTTY: boolean };
} {
  const output = Object.assign(new PassThrough(), { columns: 100, rows: 30, isTTY: true });
  output.resume();
  return { input: new PassThrough(), output };
}

describe('ChatView', () => {
  let view: ChatView | undefined;
  afterEach(() => view?.destroy());

  it('collapses a burst of changes into a few renders, and renders nothing when idle', async () => {
    const model = new ChatModel();
    const state = newViewState();
    view = new ChatView(model, state, fakeTerminal());
    const from = makeAddress('127.0.0.1', 9);
    for (let i = 0; i < 2000; i++) {
      model.chat({
        from,
        name: 'p',
        text: `m${i}`,
        dialect: 'std',
        sourceIp: '127.0.0.1',
        headerMatchesSource: true,
        at: 0,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    const afterBurst = view.renders;
    expect(afterBurst).toBeGreaterThanOrEqual(1);
    expect(afterBurst).toBeLessThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(view.renders).toBe(afterBurst);
  });

  it("draws a key 8 ms after the last render, peers' messages 33 ms after", () => {
    jest.useFakeTimers();
    try {
      const model = new ChatModel();
      view = new ChatView(model, newViewState(), fakeTerminal());
      const message = (text: string): void =>
        model.chat({
          from: makeAddress('127.0.0.1', 9),
          name: 'p',
          text,
          dialect: 'std',
          sourceIp: '127.0.0.1',
          headerMatchesSource: true,
          at: 0,
        });
      message('first');
      jest.advanceTimersByTime(0);
      const first = view.renders;
      message('second'); // waits for the 33 ms gap
      view.invalidate(); // a key: drawn after 8 ms, with the message
      jest.advanceTimersByTime(7);
      expect(view.renders).toBe(first);
      jest.advanceTimersByTime(1);
      expect(view.renders).toBe(first + 1);
      message('third');
      jest.advanceTimersByTime(32);
      expect(view.renders).toBe(first + 1);
      jest.advanceTimersByTime(1);
      expect(view.renders).toBe(first + 2);
    } finally {
      view?.destroy();
      view = undefined;
      jest.useRealTimers();
    }
  });

  it('hands blessed only the peer rows on screen, however many peers are known', () => {
    jest.useFakeTimers();
    const contents: string[] = [];
    // Every element's setContent, as blessed is handed it.
    const prototype = (
      blessed.widget as unknown as { Element: typeof blessed.Widgets.BlessedElement }
    ).Element.prototype;
    const original = prototype.setContent;
    const setContent = jest.spyOn(prototype, 'setContent').mockImplementation(function (
      this: blessed.Widgets.BlessedElement,
      ...args: Parameters<typeof original>
    ) {
      contents.push(args[0]);
      original.apply(this, args);
    });
    try {
      const model = new ChatModel();
      view = new ChatView(model, newViewState(), fakeTerminal());
      for (let port = 1; port <= 10_000; port++) {
        model.peer({
          address: makeAddress('127.0.0.1', port),
          name: `n${port}`,
          alias: null,
          state: 'listed',
          sourceIp: '127.0.0.1',
          headerMatchesSource: true,
          ...NO_TRUST,
          connected: false,
          firstSeen: 0,
          lastSeen: 0,
          messagesIn: 1,
          messagesOut: 0,
        });
      }
      jest.advanceTimersByTime(100);
      const panel = contents.filter((text) => /^ #\s+IP:PORT/.test(text)).at(-1) ?? '';
      const lines = panel.split('\n');
      expect(lines.length).toBe(view.peerRowsShown() + 1); // the header and the rows shown
      expect(lines[1]).toContain('127.0.0.1:10000');
      expect(contents.some((text) => text.includes('peers 10000/10000'))).toBe(true);
    } finally {
      setContent.mockRestore();
      view?.destroy();
      view = undefined;
      jest.useRealTimers();
    }
  });
});
