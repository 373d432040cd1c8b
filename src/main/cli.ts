import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import {
  buildProgram,
  parseName,
  parsePortOption,
  toCliOptions,
  type CliOptions,
} from './cli-options';
import { highlighter } from '../app/highlight';
import { SYSTEM } from '../app/lines';
import { printConfig, settingsFor } from './show-config';
import { mergeConfig, type Merged } from './config-merge';
import type { PeerNode } from '../node/node';
import { askLine, PromptConsole } from '../lines/console';
import { runHeadless } from '../lines/headless';
import { printHistory } from '../lines/history';
import { LineReader } from '../lines/line-reader';
import { runMenu } from '../lines/menu';
import { attachPrinter, sayWith } from '../lines/printer';
import { makeStarter, type Started } from './startup';

const VERSION: string = (require('../../package.json') as { version: string }).version;

function fail(message: string, code: number): never {
  process.stderr.write(`peer-tui: ${message}\n`);
  process.exit(code);
}

function readOptions(argv: string[]): { options: CliOptions; merged: Merged } {
  const program = buildProgram(VERSION);
  try {
    program.parse(argv);
    const merged = mergeConfig(program);
    for (const warning of merged.warnings) process.stderr.write(`peer-tui: ${warning}\n`);
    const options = toCliOptions(
      program.opts(),
      program.args,
      Boolean(process.stdin.isTTY && process.stdout.isTTY),
    );
    return { options, merged };
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) process.exit(0); // --help, --version
      fail(error.message.replace(/^error: /, ''), 2);
    }
    fail((error as Error).message, 2);
  }
}

/** Bootstrap connects and demo bots, once the node is up. */
function afterStart(options: CliOptions): (node: PeerNode) => void {
  return (node) => {
    for (const peer of options.bootstrap) node.connect(peer).catch(() => undefined);
    if (options.demo)
      import('./demo').then(({ startDemo }) => startDemo(node)).catch(() => undefined);
  };
}

/** The assignment's two questions, asked until answered well (or input ends). */
async function askMissing(
  options: CliOptions,
  input: LineReader,
  io: PromptConsole,
): Promise<{ name: string; port: number }> {
  const ask = async <T>(
    prompt: string,
    parse: (text: string) => T,
    current: T | undefined,
  ): Promise<T> => {
    while (current === undefined) {
      const answer = await askLine(io, input, prompt);
      if (answer === null) fail(`no answer to "${prompt.trim()}"`, 2);
      try {
        current = parse(answer.trim());
      } catch (error) {
        io.print(`Invalid: ${(error as Error).message}`);
      }
    }
    return current;
  };
  const name = await ask('Enter your name: ', parseName, options.name);
  const port = await ask('Enter your port number: ', parsePortOption, options.port);
  return { name, port };
}

async function startOrExit(start: () => Promise<Started>, port: number): Promise<Started> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'E_KEY_FILE') fail(`E_KEY_FILE ${(error as Error).message}`, 2);
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use`, 1);
    if (code === 'EACCES') fail(`port ${port} needs privileges this user lacks`, 1);
    fail(`cannot listen on port ${port}: ${(error as Error).message}`, 1);
  }
}

/** The menu and headless modes: lines on stdin and stdout. */
async function runLineMode(options: CliOptions, merged: Merged): Promise<void> {
  const headless = options.mode === 'headless';
  // The menu on a terminal edits its answers with readline (typed text survives a message).
  const onTerminal = !headless && Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const input = new LineReader(process.stdin, onTerminal ? process.stdout : undefined);
  // In headless mode stdout carries events only; questions go to stderr.
  // History reaches the disk before the lines that show it reach the screen.
  const running: { store?: Started['store'] } = {};
  const beforeWrite = (): void => running.store?.flush();
  const io = new PromptConsole(
    headless ? process.stderr : process.stdout,
    beforeWrite,
    input.editor,
  );
  const out = headless ? new PromptConsole(process.stdout, beforeWrite) : io;
  const { name, port } = await askMissing(options, input, io);
  const { node, store, notes } = await startOrExit(() => makeStarter(options)(name, port), port);
  running.store = store;
  const print = (line: string): void => out.print(line);
  attachPrinter(node, print, {
    json: options.json,
    deliveries: headless,
    isHighlight: highlighter([name, ...options.highlight]),
  });
  const say = sayWith(print, options.json);
  say('listening', [`Server listening on port ${node.port}`], { port: node.port });
  for (const note of notes) say('note', [`${SYSTEM} ${note.text}`], note);

  // A quit that fails part-way (a peer that cannot be told) still leaves.
  const quitAndExit = (): Promise<void> =>
    node
      .quit()
      .catch(() => undefined)
      .then(() => {
        out.flush();
        process.exit(0);
      });
  const leave = (): void => void quitAndExit().catch(() => process.exit(1));
  process.on('SIGINT', leave);
  process.on('SIGTERM', leave);
  // Whoever read our output is gone (EPIPE): leave properly instead of dying on the write.
  process.stdout.on('error', leave);
  afterStart(options)(node);
  if (headless)
    await runHeadless(node, input, {
      json: options.json,
      print,
      history: store?.history,
      settings: settingsFor(options, merged, (key, value) => {
        if (key !== 'name') return false;
        node.rename(value as string);
        return true;
      }),
    });
  else await runMenu(node, input, io);
  await quitAndExit();
}

/**
 * `peer-tui demo` opens at once as `me` in a folder of its own, removed at exit: trying
 * it leaves no identity behind in the real data folder.
 */
function demoFolder(options: CliOptions): void {
  if (!options.demo) return;
  options.name ??= 'me';
  if (options.dataDir !== undefined) return;
  const dir = mkdtempSync(join(tmpdir(), 'peer-tui-demo-'));
  options.dataDir = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}

async function main(): Promise<void> {
  const { options, merged } = readOptions(process.argv);
  demoFolder(options);
  if (options.showConfig) return printConfig(options, merged);
  if (options.history) return printHistory(options, (message) => fail(message, 2));
  if (options.seed) {
    const { runSeed } = await import('./seed-command');
    return runSeed(options, merged.sources, (message) => fail(message, 2));
  }
  if (options.mode !== 'screen') return runLineMode(options, merged);
  // blessed is loaded only for the screen: the line modes start twice as fast without it.
  const { runScreen } = await import('../screen/screen');
  await runScreen({
    name: options.name,
    port: options.port ?? (options.demo ? 0 : undefined),
    host: options.advertise ?? options.host,
    start: makeStarter(options),
    started: afterStart(options),
    validateName: parseName,
    validatePort: parsePortOption,
    alerts: { highlight: options.highlight, bell: options.bell, notify: options.notify },
    settings: (apply) => settingsFor(options, merged, apply),
    look: {
      color: options.color,
      panels: options.panel,
      mouse: options.mouse,
      timestampFormat: options.timestampFormat,
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`peer-tui: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
