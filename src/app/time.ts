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

/** The log's timestamp format by default (`timestamp-format`): WeeChat's and irssi's. */
export const DEFAULT_TIMESTAMP_FORMAT = '%H:%M:%S';

/**
 * A time in a strftime-like format, local time: `%H %M %S %d %m %Y %y` and `%%`; any other
 * text is kept. An empty format gives an empty string (no timestamps).
 */
export function formatTime(at: number, format: string): string {
  if (format === '') return '';
  const d = new Date(at);
  const fields: Record<string, string> = {
    H: two(d.getHours()),
    M: two(d.getMinutes()),
    S: two(d.getSeconds()),
    d: two(d.getDate()),
    m: two(d.getMonth() + 1),
    Y: String(d.getFullYear()),
    y: two(d.getFullYear() % 100),
    '%': '%',
  };
  return format.replace(/%(.)/g, (all, field: string) => fields[field] ?? all);
}
