import blessed from 'blessed';

/**
 * The terminal blessed is told it draws on. blessed cannot read the terminfo of tmux's and
 * screen's 256-colour entries (ncurses 6 compiles them in a newer format, or one of their
 * strings breaks its compiler) and falls back to 8-colour xterm; both draw xterm's
 * 256-colour sequences, so they are named as that. Others as they are.
 */
export function terminalName(term: string | undefined): string | undefined {
  if (term === undefined) return undefined;
  if (/^(tmux|screen)(\.[\w-]+)?-256colou?r$/.test(term)) return 'xterm-256color';
  return term;
}

/**
 * A blessed screen made without its terminfo compiler's complaints reaching the terminal:
 * it prints them with console.error (`Error on screen-256color.plab_norm`) before it falls
 * back to a terminal it knows, and anything printed there lands outside the screen.
 */
export function quietScreen(options: blessed.Widgets.IScreenOptions): blessed.Widgets.Screen {
  const error = console.error;
  console.error = () => undefined;
  try {
    return blessed.screen(options);
  } finally {
    console.error = error;
  }
}

/** blessed's attribute bits (widgets/screen.js): flags above bit 18, then fg, then bg. */
const BOLD = 1;
const INVERSE = 8;
const DEFAULT_COLOUR = 0x1ff;
/** Red and yellow, plain and light: warnings and errors, which are made bold instead. */
const WARNING_COLOURS = new Set([1, 3, 9, 11]);

/** One cell's attribute with its colours turned into attributes. */
function colourless(code: number): number {
  let flags = (code >> 18) & 0x1ff;
  const fg = (code >> 9) & 0x1ff;
  const bg = code & 0x1ff;
  if (bg !== DEFAULT_COLOUR) flags |= INVERSE;
  if (WARNING_COLOURS.has(fg)) flags |= BOLD;
  return (flags << 18) | (DEFAULT_COLOUR << 9) | DEFAULT_COLOUR;
}

type Cell = [number, string];
type Drawable = {
  lines: (Cell[] & { dirty?: boolean })[];
  draw(start: number, end: number): void;
};

/**
 * NO_COLOR (no-color.org), `color = false`, `--no-color`: no colour escape is ever written.
 * blessed writes a cell's colours inline as it draws, so the cells about to be drawn lose
 * theirs first; meaning moves to attributes: a background becomes reverse video (the
 * status line, a highlight), red and yellow text bold.
 */
export function withoutColour(screen: blessed.Widgets.Screen): void {
  const drawable = screen as unknown as Drawable;
  const draw = drawable.draw.bind(screen);
  drawable.draw = (start: number, end: number): void => {
    for (let y = start; y <= end; y++) {
      const line = drawable.lines[y];
      if (!line?.dirty) continue;
      for (const cell of line) cell[0] = colourless(cell[0]);
    }
    draw(start, end);
  };
}
