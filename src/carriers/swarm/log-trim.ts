import type Hypercore from 'hypercore';

/** Where a log's first block still on disk is kept (its user data, not replicated). */
const CLEARED = 'peer-tui/cleared';

/** The first block of `core` not cleared by `trimLog`. */
export async function clearedTo(core: Hypercore): Promise<number> {
  const value = await core.getUserData(CLEARED);
  const seq = value ? Number(value.toString()) : 0;
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}

/**
 * Keeps a log's blocks on disk within `maxBytes`: the oldest are cleared (Hypercore's
 * `clear`: the log keeps its length and its signatures, the bytes go). What was cleared is
 * no longer served, nor shown in a backlog.
 */
export async function trimLog(core: Hypercore, maxBytes: number): Promise<void> {
  if (core.byteLength <= maxBytes) return;
  const [keepFrom] = await core.seek(core.byteLength - maxBytes, { wait: false });
  const from = await clearedTo(core);
  if (keepFrom <= from) return;
  await core.clear(from, keepFrom);
  await core.setUserData(CLEARED, String(keepFrom));
}
