import type { PeerNode } from '../node/node';
import { assembleNode } from './assemble';
import { makeAddress } from '../wire/address';

/**
 * `peer-tui demo`: three bot peers on 127.0.0.1 that join, talk to the user and to each
 * other, answer what the user sends them, and one that leaves, so a newcomer sees every
 * pane work without a second terminal. Loopback only.
 */
const SCRIPT: [delayMs: number, bot: number, text: string][] = [
  [800, 0, 'connect'],
  [1600, 1, 'hi! I am bob. Press Escape then c to connect to everyone you know.'],
  [3000, 2, 'carol here. Try /send with my address, or Enter on me in the peer panel.'],
  [4500, 0, 'alice: Tab completes commands and addresses; ? shows every key.'],
  [7000, 1, 'bob: PgUp scrolls back; new lines wait below until you press End.'],
  [20000, 2, 'carol: I have to go. bye!'],
  [21000, 2, 'exit'],
];

export interface Demo {
  bots: PeerNode[];
  stop(): Promise<void>;
}

/** `pace` divides every delay of the script (tests run it fast). */
export async function startDemo(user: PeerNode, pace = 1): Promise<Demo> {
  const bots = await Promise.all(
    ['alice', 'bob', 'carol'].map(async (name) => {
      const bot = assembleNode({ name, port: 0, host: '127.0.0.1' });
      await bot.start();
      return bot;
    }),
  );
  const userAddress = makeAddress('127.0.0.1', user.port);
  const timers = SCRIPT.map(([delay, index, text]) =>
    setTimeout(() => {
      const bot = bots[index];
      if (!bot) return;
      if (text === 'connect') bot.connect(userAddress).catch(() => undefined);
      else bot.send(userAddress, text).catch(() => undefined);
      if (text === 'exit') setTimeout(() => bot.close().catch(() => undefined), 200 / pace);
    }, delay / pace),
  );
  // The bots chat among themselves too, so their tables fill like real peers'.
  timers.push(
    setTimeout(
      () =>
        bots[0]
          ?.send(makeAddress('127.0.0.1', bots[1]?.port ?? 0), 'hello bob')
          .catch(() => undefined),
      1200 / pace,
    ),
  );
  for (const bot of bots) {
    bot.on('message', (message) => {
      if (message.from.key !== userAddress.key) return;
      bot
        .send(userAddress, `${bot.name} heard you: "${message.text.slice(0, 60)}"`)
        .catch(() => undefined);
    });
  }
  return {
    bots,
    stop: async () => {
      timers.forEach(clearTimeout);
      await Promise.all(bots.map((bot) => bot.close()));
    },
  };
}
