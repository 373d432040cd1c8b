import { spawn, type IPty } from '@lydell/node-pty';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { Terminal } from '@xterm/headless';
import { CLI, TEST_ENV } from './cli';

/** The real program in a pseudo-terminal, its output fed to a headless xterm. */
export interface Screen {
  pty: IPty;
  term: Terminal;
  titles: string[];
  /** Bells the terminal has rung (BEL received). */
  bells(): number;
  /** OSC 777 / OSC 9 notifications received, as their raw text. */
  notifications: string[];
  /** Everything the program wrote to the terminal, escapes included. */
  raw(): string;
  /** The visible rows as text. */
  rows(): string[];
  text(): string;
  waitFor(match: string | RegExp | (() => boolean), timeoutMs?: number): Promise<void>;
  type(keys: string): void;
  resize(cols: number, rows: number): void;
  exited: Promise<number>;
}

const open: Screen[] = [];

export function killScreens(): void {
  for (const screen of open.splice(0)) {
    try {
      screen.pty.kill('SIGKILL');
    } catch {
      // already gone
    }
    screen.term.dispose();
  }
}

export interface ScreenOptions {
  /** TERM for the program (xterm-256color unless told). */
  term?: string;
  /** More environment for the program. */
  env?: Record<string, string>;
}

export function startScreen(
  args: string[],
  cols = 120,
  rows = 30,
  options: ScreenOptions = {},
): Screen {
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  const titles: string[] = [];
  term.onTitleChange((title) => titles.push(title));
  let bells = 0;
  term.onBell(() => (bells += 1));
  const notifications: string[] = [];
  for (const code of [777, 9])
    term.parser.registerOscHandler(code, (data) => {
      notifications.push(`${code};${data}`);
      return true;
    });
  const pty = spawn(process.execPath, [CLI, ...args], {
    cols,
    rows,
    name: options.term ?? 'xterm-256color',
    env: {
      ...TEST_ENV,
      TERM: options.term ?? 'xterm-256color',
      LANG: 'C.UTF-8',
      // An empty NO_COLOR is no NO_COLOR (no-color.org): the machine's own never leaks in.
      NO_COLOR: '',
      ...options.env,
    } as Record<string, string>,
  });
  let raw = '';
  pty.onData((data) => {
    raw += data;
    term.write(data);
  });
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  const rowsOf = (): string[] => {
    const buffer = term.buffer.active;
    return Array.from(
      { length: term.rows },
      (_, y) => buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '',
    );
  };
  const screen: Screen = {
    pty,
    term,
    titles,
    bells: () => bells,
    notifications,
    raw: () => raw,
    rows: rowsOf,
    text: () => rowsOf().join('\n'),
    type: (keys) => pty.write(keys),
    resize: (c, r) => {
      pty.resize(c, r);
      term.resize(c, r);
    },
    exited,
    waitFor: (match, timeoutMs = 6000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = (): void => {
          // Let xterm finish parsing what has arrived before reading it.
          term.write('', () => {
            const text = rowsOf().join('\n');
            const found =
              typeof match === 'string'
                ? text.includes(match)
                : match instanceof RegExp
                  ? match.test(text)
                  : match();
            if (found) return resolve();
            if (Date.now() - started > timeoutMs)
              return reject(new Error(`not on screen: ${String(match)}\n${text}`));
            setTimeout(check, 50);
          });
        };
        check();
      }),
  };
  open.push(screen);
  return screen;
}
