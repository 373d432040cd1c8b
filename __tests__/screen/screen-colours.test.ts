import { freePort } from '../helpers/cli';
import { closeAll, sendRaw } from '../helpers/net';
import { killScreens, startScreen, type Screen } from '../helpers/pty';

// Every element readable on a dark and a light background, with 8, 16 and 256 colours,
// whatever TERM says; and no colour at all under NO_COLOR (issue 18, items 2 and 3).

afterEach(async () => {
  killScreens();
  await closeAll();
});

async function opened(term: string, env: Record<string, string> = {}, args: string[] = []) {
  const port = await freePort();
  const screen = startScreen(['--name', 'blockchain', '--port', String(port), ...args], 100, 26, {
    term,
    env,
  });
  await screen.waitFor(`Server listening on port ${port}`);
  await sendRaw(port, ['127.0.0.1:9190 P2 hello there']);
  await screen.waitFor('P2 hello there');
  return screen;
}

/** The foreground of the cells of the first `text` on screen: 'default' or a palette index. */
function foregrounds(screen: Screen, text: string): (number | 'default' | 'rgb')[] {
  const buffer = screen.term.buffer.active;
  for (let y = 0; y < screen.term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const x = line?.translateToString(true).indexOf(text) ?? -1;
    if (!line || x < 0) continue;
    return Array.from({ length: text.length }, (_, i) => {
      const cell = line.getCell(x + i);
      if (!cell || cell.isFgDefault()) return 'default';
      return cell.isFgPalette() ? cell.getFgColor() : 'rgb';
    });
  }
  throw new Error(`${text} not on screen`);
}

/** The colours of every border cell (box-drawing characters) on screen. */
function borderForegrounds(screen: Screen): (number | 'default' | 'rgb')[] {
  const buffer = screen.term.buffer.active;
  const seen: (number | 'default' | 'rgb')[] = [];
  for (let y = 0; y < screen.term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; x < screen.term.cols; x++) {
      const cell = line?.getCell(x);
      if (!cell || !'│─┌┐└┘'.includes(cell.getChars() || ' ')) continue;
      seen.push(cell.isFgDefault() ? 'default' : cell.isFgPalette() ? cell.getFgColor() : 'rgb');
    }
  }
  return seen;
}

/** Black, white and the grays vanish on one background or the other (or reduce to black). */
const UNREADABLE = new Set([
  0,
  7,
  8,
  15,
  16,
  231,
  ...Array.from({ length: 24 }, (_, i) => 232 + i),
]);

describe.each(['xterm', 'xterm-256color', 'screen-256color', 'tmux-256color', 'linux'])(
  'TERM=%s',
  (term) => {
    it('system lines, times and borders are readable; nothing is printed outside the screen', async () => {
      const screen = await opened(term);
      const checked = [
        ...foregrounds(screen, 'Server listening'),
        ...foregrounds(screen, 'P2 hello there'),
        ...borderForegrounds(screen),
      ];
      expect(checked.length).toBeGreaterThan(100);
      for (const colour of checked) {
        if (colour === 'default') continue;
        expect(colour).not.toBe('rgb');
        expect(UNREADABLE.has(colour as number)).toBe(false);
      }
      expect(screen.raw()).not.toMatch(/Error on/);
    });
  },
);

/** Every SGR parameter list the program wrote. */
function sgrs(raw: string): string[] {
  return [...raw.matchAll(/\u001b\[([0-9;]*)m/g)].map((match) => match[1] ?? '');
}

const COLOUR_PARAM = /^(3[0-9]|4[0-9]|9[0-7]|10[0-7])$/;

describe('NO_COLOR', () => {
  it.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }, []],
    ['--no-color', {}, ['--no-color']],
  ])('%s: no colour escape at all; the status line is reverse video', async (_, env, args) => {
    const screen = await opened('xterm-256color', env, args);
    const params = sgrs(screen.raw()).flatMap((list) => list.split(';'));
    expect(params.filter((param) => COLOUR_PARAM.test(param))).toEqual([]);
    expect(params).toContain('7');
    const status = screen.term.buffer.active.getLine(screen.term.rows - 1)?.getCell(3);
    expect(status?.isInverse()).toBeTruthy();
  });
});
