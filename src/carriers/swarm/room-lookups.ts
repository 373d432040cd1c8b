import type { Discovery } from 'hyperswarm';

/** The longest the join's own lookup is left alone before the first look again. */
const FIRST_LOOK_MS = 3000;
/** The pauses before each extra lookup after that (see lookAgain): three, then none. */
const LOOK_AGAIN_MS = [0, 2000, 8000];
/** While no DHT node has answered, a lookup again this often. */
const DHT_RETRY_MS = 30_000;

const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The lookups of each room's topic: again a few times after a join, and on and on while no
 * DHT node answers, which is said once (a DHT that does not answer never ends the process).
 */
export class RoomLookups {
  /** A lookup has completed: the DHT answers (an unanswered one is said once). */
  private dhtAnswered = false;
  private saidNoDht = false;

  constructor(private readonly trouble: (text: string) => void) {}

  /** Looks again for a join's topic until `done` (the room parted, the swarm gone). */
  keepLooking(discovery: Discovery, done: () => boolean): void {
    this.lookAgain(discovery, done).catch(() => undefined);
  }

  /**
   * The join's own lookup ran while our announce was still on its way, and so did the
   * lookups of members who joined at the same moment: each missed the other. Look again a
   * few times, by the clock (the join's flush can wait seconds on a slow connection
   * attempt), so a room joined at once by everyone still meets within a second or two.
   */
  private async lookAgain(discovery: Discovery, done: () => boolean): Promise<void> {
    // A refresh restarts the lookup in flight: let the join's own finish first (bounded).
    const settled = new Promise((resolve) => setTimeout(resolve, FIRST_LOOK_MS).unref());
    await Promise.race([discovery.flushed(), settled]).catch(this.noDht);
    for (const waitMs of LOOK_AGAIN_MS) {
      await pause(waitMs);
      if (done()) return;
      await this.refresh(discovery);
    }
    // No DHT node has answered yet (offline, a wrong --dht-bootstrap): keep asking, quietly.
    while (!this.dhtAnswered) {
      await pause(DHT_RETRY_MS);
      if (done()) return;
      await this.refresh(discovery);
    }
  }

  /** Both modes again: refresh sets the join's modes, and a server-less one unannounces. */
  private async refresh(discovery: Discovery): Promise<void> {
    try {
      await discovery.refresh({ client: true, server: true });
      this.dhtAnswered = true;
    } catch {
      this.noDht();
    }
  }

  /** A lookup no DHT node answered ("Too few nodes responded"): said once, never fatal. */
  private readonly noDht = (): void => {
    if (this.dhtAnswered || this.saidNoDht) return;
    this.saidNoDht = true;
    this.trouble('no DHT node answered: offline? check --dht-bootstrap');
  };
}
