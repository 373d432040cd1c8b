import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** Every program a test starts keeps its data under here, never in the real home. */
export const DATA_HOME = mkdtempSync(path.join(tmpdir(), 'peer-tui-test-'));
export const TEST_ENV = { ...process.env, XDG_DATA_HOME: DATA_HOME };

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains `text` (or matches it). */
  waitFor(text: string | RegExp | (() => boolean), timeoutMs?: number): Promise<void>;
  write(line: string): void;
  exited: Promise<number | null>;
}

const running: RunningCli[] = [];

/** Kills whatever a test left running. */
export function killAll(): void {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
}

/** `ulimit`: run it with at most this many open files (to meet EMFILE). */
export function startCli(args: string[], options: { ulimit?: number } = {}): RunningCli {
  const child =
    options.ulimit === undefined
      ? spawn(process.execPath, [CLI, ...args], { stdio: 'pipe', env: TEST_ENV })
      : spawn(
          'bash',
          ['-c', `ulimit -n ${options.ulimit}; exec "$0" "$@"`, process.execPath, CLI, ...args],
          {
            stdio: 'pipe',
            env: TEST_ENV,
          },
        );
  let out = '';
  let err = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    listeners.forEach((l) => l());
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const cli: RunningCli = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    write: (line) => child.stdin.write(line),
    waitFor: (text, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean =>
          typeof text === 'string'
            ? out.includes(text)
            : text instanceof RegExp
              ? text.test(out)
              : text();
        if (check()) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`no ${String(text)} in:\n${out}\n--stderr--\n${err}`)),
          timeoutMs,
        );
        listeners.push(() => {
          if (!check()) return;
          clearTimeout(timer);
          resolve();
        });
      }),
  };
  running.push(cli);
  return cli;
}

/** A port free a moment ago (the program under test must bind a port it is told). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}
