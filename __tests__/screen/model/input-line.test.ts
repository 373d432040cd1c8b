import { InputLine } from '../../../src/screen/model/input-line';
import { completions } from '../../../src/app/completion';

function typed(text: string): InputLine {
  const input = new InputLine();
  input.insert(text);
  return input;
}

describe('InputLine', () => {
  it('edits at the cursor, a whole character at a time', () => {
    const input = typed('héllo 😀');
    input.backspace();
    expect(input.text).toBe('héllo ');
    input.home();
    input.right();
    input.right();
    input.backspace();
    expect([input.text, input.cursor]).toEqual(['hllo ', 1]);
    input.insert('e');
    input.end();
    input.killWord();
    expect(input.text).toBe('');
  });

  it('Ctrl-U kills before the cursor; Delete removes after it', () => {
    const input = typed('one two');
    input.left();
    input.left();
    input.left();
    input.deleteForward();
    expect(input.text).toBe('one wo');
    input.killBefore();
    expect([input.text, input.cursor]).toEqual(['wo', 0]);
  });

  it('walks history with Up and Down and keeps the draft', () => {
    const input = new InputLine();
    for (const line of ['first', 'second']) {
      input.insert(line);
      input.submit();
    }
    input.insert('draft');
    input.historyUp();
    expect(input.text).toBe('second');
    input.historyUp();
    input.historyUp();
    expect(input.text).toBe('first');
    input.historyDown();
    input.historyDown();
    expect(input.text).toBe('draft');
  });

  it('completes commands first on the line and addresses after, cycling on Tab', () => {
    const peers = ['127.0.0.1:9090', '127.0.0.1:9091', '10.0.0.1:80'];
    const input = typed('/co');
    input.complete((word, first) => completions(word, first, peers));
    expect(input.text).toBe('/connect ');
    input.insert('127');
    expect(input.complete((word, first) => completions(word, first, peers))).toHaveLength(2);
    expect(input.text).toBe('/connect 127.0.0.1:9090 ');
    input.complete((word, first) => completions(word, first, peers));
    expect(input.text).toBe('/connect 127.0.0.1:9091 ');
  });

  it('offers nothing for an unknown prefix and leaves the text alone', () => {
    const input = typed('/zz');
    expect(input.complete((word, first) => completions(word, first, []))).toEqual([]);
    expect(input.text).toBe('/zz');
  });
});
