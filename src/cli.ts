#!/usr/bin/env node
import { CommanderError } from 'commander';
import { PeerNode } from './core/node';
import { DISCOVERY_PORT } from './protocol/discovery';
import {
  buildProgram,
  parseName,
  parsePortOption,
  toCliOptions,
  type CliOptions,
} from './cli-options';
import { PromptConsole } from './modes/console';
import { runHeadless } from './modes/headless';
import { LineReader } from './modes/line-reader';
import { runMenu } from './modes/menu';
import { attachPrinter } from './modes/printer';

const VERSION: string = (require('../package.json') as { version: string }).version;

function fail(message: string, code: number): never {
  process.stderr.write(`peer-tui: ${message}\n`);
  process.exit(code);
}

function readOptions(argv: string[]): CliOptions {
  const program = buildProgram(VERSION);
  try {
    program.parse(argv);
    return toCliOptions(program.opts());
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) process.exit(0); // --help, --version
      fail(error.message.replace(/^error: /, ''), 2);
    }
    fail((error as Error).message, 2);
  }
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
      io.ask(prompt);
      const answer = await input.next();
      io.answered();
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

async function main(): Promise<void> {
  const options = readOptions(process.argv);
  const input = new LineReader(process.stdin);
  const headless = options.mode === 'headless';
  // In headless mode stdout carries events only; questions go to stderr.
  const io = new PromptConsole(headless ? process.stderr : process.stdout);
  const out = new PromptConsole(process.stdout);
  const { name, port } = await askMissing(options, input, io);

  const node = new PeerNode({
    name,
    port,
    host: options.host,
    advertise: options.advertise,
    discoveryPort: options.discovery ? DISCOVERY_PORT : undefined,
  });
  const print = (line: string): void => (headless ? out : io).print(line);
  attachPrinter(node, print, { json: options.json, deliveries: headless });
  try {
    await node.start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use`, 1);
    if (code === 'EACCES') fail(`port ${port} needs privileges this user lacks`, 1);
    fail(`cannot listen on port ${port}: ${(error as Error).message}`, 1);
  }
  print(
    options.json
      ? JSON.stringify({ type: 'listening', port: node.port })
      : `Server listening on port ${node.port}`,
  );

  let quitting: Promise<void> | undefined;
  const quit = (): Promise<void> => (quitting ??= node.quit().then(() => process.exit(0)));
  process.on('SIGINT', () => void quit());
  process.on('SIGTERM', () => void quit());
  for (const peer of options.bootstrap) void node.connect(peer);

  if (headless) {
    await runHeadless(node, input, { json: options.json, print });
    await quit();
  } else {
    await runMenu(node, input, io);
    process.exit(0);
  }
}

void main();
