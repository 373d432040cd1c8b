const two = (n: number): string => String(n).padStart(2, '0');

/** `13:07:49`, local time: the log's timestamps. */
export function clock(at: number): string {
  const d = new Date(at);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** `2026-11-26 13:07:49`, local time: history, which spans days. */
export function stamp(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${clock(at)}`;
}
