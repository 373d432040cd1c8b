import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** Every program a test starts keeps its data under here, never in the real home. */
export const DATA_HOME = mkdtempSync(path.join(tmpdir(), 'peer-tui-test-'));
/** Nor the real config: a test that wants one writes it here or passes --config. */
export const CONFIG_HOME = mkdtempSync(path.join(tmpdir(), 'peer-tui-config-'));
export const TEST_ENV = { ...process.env, XDG_DATA_HOME: DATA_HOME, XDG_CONFIG_HOME: CONFIG_HOME };

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
  // Output is kept as chunks, joined only when asked for: a flood's output is
  // hundreds of megabytes, and searching one growing string would copy it on
  // every chunk.
  const chunks: string[] = [];
  let joined = '';
  let joinedCount = 0;
  const out = (): string => {
    if (joinedCount !== chunks.length) {
      joined += chunks.slice(joinedCount).join('');
      joinedCount = chunks.length;
    }
    return joined;
  };
  let err = '';
  const listeners: ((chunk: string) => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    const chunk = d.toString();
    chunks.push(chunk);
    // A copy: a listener that is satisfied removes itself.
    [...listeners].forEach((l) => l(chunk));
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const cli: RunningCli = {
    child,
    stdout: out,
    stderr: () => err,
    exited,
    write: (line) => child.stdin.write(line),
    waitFor: (text, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        // A string is searched only in each new chunk, with the end of the one
        // before it (a match may straddle two chunks).
        let carry = '';
        const matches = (chunk: string): boolean => {
          if (typeof text !== 'string') return text instanceof RegExp ? text.test(out()) : text();
          const window = carry + chunk;
          if (window.includes(text)) return true;
          carry = text.length > 1 ? window.slice(-(text.length - 1)) : '';
          return false;
        };
        if (matches(out())) return resolve();
        const listener = (chunk: string): void => {
          if (!matches(chunk)) return;
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(listener), 1);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.splice(listeners.indexOf(listener), 1);
          reject(new Error(`no ${String(text)} in:\n${out().slice(-20_000)}\n--stderr--\n${err}`));
        }, timeoutMs);
        listeners.push(listener);
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
