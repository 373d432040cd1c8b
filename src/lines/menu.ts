import { execute, parseCommand, type Command, type Outcome } from '../app/commands';
import { deliveryLine, SYSTEM } from '../app/lines';
import { resolveHost } from '../app/resolve-host';
import type { PeerNode } from '../node/node';
import { makeAddress, parsePort, type Address } from '../wire/address';
import { askLine, type PromptConsole } from './console';
import type { LineReader } from './line-reader';

export const MENU = [
  '***** Menu *****',
  '1. Send message',
  '2. Query active peers',
  '3. Connect to active peers',
  '0. Quit',
];

/**
 * The assignment's numbered menu, text for text. Its choices run through the one command
 * table (`/send`, `/peers`, `/connect`); only the prompts are the menu's own. Returns when
 * the user quits or input ends; both send `exit` to the peers that may list us first.
 */
export async function runMenu(node: PeerNode, input: LineReader, io: PromptConsole): Promise<void> {
  const ask = (prompt: string): Promise<string | null> => askLine(io, input, prompt);
  const run = commandRunner(node, io);
  for (;;) {
    MENU.forEach((line) => io.print(line));
    const choice = await ask('Enter choice: ');
    if (choice === null || choice.trim() === '0') break;
    await runChoice(choice.trim(), ask, io, run);
  }
  await node.quit();
  io.print('Exiting');
}

type Ask = (prompt: string) => Promise<string | null>;
type Run = (command: Command) => Promise<void>;

async function runChoice(choice: string, ask: Ask, io: PromptConsole, run: Run): Promise<void> {
  switch (choice) {
    case '1': {
      const to = await askRecipient(ask, io);
      if (to === null) return;
      const text = (await ask('Enter your message: ')) ?? '';
      if (text.trim() === '') return io.print('Nothing sent: the message is empty');
      return run({ kind: 'send', to, text });
    }
    case '2':
      return runLine('/peers', run);
    case '3':
      return runLine('/connect', run);
    default:
      io.print('Invalid choice: enter 1, 2, 3 or 0');
  }
}

/** A command as typed: the menu's choices are the table's. */
function runLine(line: string, run: Run): Promise<void> {
  const parsed = parseCommand(line);
  return parsed.ok ? run(parsed.command) : Promise.resolve();
}

/** The recipient's IP (or a name the system resolves, `localhost`) and port, asked apart. */
async function askRecipient(ask: Ask, io: PromptConsole): Promise<Address | null> {
  const ipText = (await ask("Enter the recipient's IP address: "))?.trim() ?? '';
  const ip = await resolveHost(ipText);
  if (ip === null) {
    io.print(`Invalid IP address: ${ipText}`);
    return null;
  }
  const portText = (await ask("Enter the recipient's port number: "))?.trim() ?? '';
  const port = parsePort(portText);
  if (port === null) {
    io.print(`Invalid port number: ${portText} (1-65535)`);
    return null;
  }
  return makeAddress(ip, port);
}

/**
 * Runs a command and prints its outcomes as the menu always has: a message's first
 * delivery (sent, or queued while retried), a connect's results once they are in.
 */
function commandRunner(node: PeerNode, io: PromptConsole): Run {
  const target: { to: Address | null } = { to: null };
  return async (command) => {
    let settle: ((outcomes: Outcome[]) => void) | undefined;
    const later = new Promise<Outcome[]>((resolve) => (settle = resolve));
    const outcomes = execute(command, { node, target, later: (more) => settle?.(more) });
    let waits = false;
    for (const outcome of outcomes) {
      if (outcome.type === 'sending') io.print(deliveryLine(await outcome.first));
      else if (outcome.type === 'say')
        outcome.lines.forEach((line) => io.print(outcome.system ? `${SYSTEM} ${line}` : line));
      else if (outcome.type === 'error') io.print(`${SYSTEM} ${outcome.message}`);
      // A connect's results come later: the menu waits for them before it shows itself again.
      if (command.kind === 'connect' && outcome.type === 'say') waits = true;
    }
    if (!waits) return;
    for (const outcome of await later)
      if (outcome.type === 'results') outcome.deliveries.forEach((d) => io.print(deliveryLine(d)));
      else if (outcome.type === 'error') io.print(`${SYSTEM} ${outcome.message}`);
  };
}
