import { deliveryLine, peerListLines } from '../app/lines';
import type { PeerNode } from '../node/node';
import { resolveHost } from '../app/resolve-host';
import { makeAddress, parsePort } from '../wire/address';
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
 * The assignment's numbered menu, text for text. Returns when the user quits or input
 * ends; both send `exit` to the listed peers first.
 */
export async function runMenu(node: PeerNode, input: LineReader, io: PromptConsole): Promise<void> {
  const ask = (prompt: string): Promise<string | null> => askLine(io, input, prompt);
  for (;;) {
    MENU.forEach((line) => io.print(line));
    const choice = await ask('Enter choice: ');
    if (choice === null || choice.trim() === '0') break;
    await runChoice(choice.trim(), node, ask, io);
  }
  await node.quit();
  io.print('Exiting');
}

type Ask = (prompt: string) => Promise<string | null>;

async function runChoice(
  choice: string,
  node: PeerNode,
  ask: Ask,
  io: PromptConsole,
): Promise<void> {
  switch (choice) {
    case '1':
      return sendMessage(node, ask, io);
    case '2':
      return peerListLines(node.peers.listed()).forEach((line) => io.print(line));
    case '3':
      return connectAll(node, io);
    default:
      io.print('Invalid choice: enter 1, 2, 3 or 0');
  }
}

async function sendMessage(node: PeerNode, ask: Ask, io: PromptConsole): Promise<void> {
  const ipText = (await ask("Enter the recipient's IP address: "))?.trim() ?? '';
  // `localhost` and other names the system resolves are taken as their address.
  const ip = await resolveHost(ipText);
  if (ip === null) return io.print(`Invalid IP address: ${ipText}`);
  const portText = (await ask("Enter the recipient's port number: "))?.trim() ?? '';
  const port = parsePort(portText);
  if (port === null) return io.print(`Invalid port number: ${portText} (1-65535)`);
  const text = (await ask('Enter your message: ')) ?? '';
  if (text.trim() === '') return io.print('Nothing sent: the message is empty');
  io.print(deliveryLine(await node.send(makeAddress(ip, port), text)));
}

async function connectAll(node: PeerNode, io: PromptConsole): Promise<void> {
  const results = await node.connect();
  if (results.length === 0) return io.print('No known peers to connect to: send a message first');
  results.forEach((delivery) => io.print(deliveryLine(delivery)));
}
