import { historyLines, stamped } from '../app/history-lines';
import { History } from '../store/history';
import { dataDirFor } from '../store/paths';

/** Whose history, and what to look for in it (`--name`, `--port`, `--data-dir`, `--grep`). */
export interface HistoryQuery {
  name?: string;
  port?: number;
  dataDir?: string;
  grep?: string;
}

/** `peer-tui history`: the history of one identity, one line per event, then exit. */
export function printHistory(options: HistoryQuery, fail: (message: string) => never): void {
  if (options.dataDir === undefined && (options.name === undefined || options.port === undefined)) {
    fail('history needs --name and --port (or --data-dir) to know whose history to print');
  }
  const dir = dataDirFor(options.name ?? '', options.port ?? 0, options.dataDir);
  const needle = options.grep?.toLowerCase();
  const lines = historyLines(new History(dir).all()).filter(
    (line) => needle === undefined || line.text.toLowerCase().includes(needle),
  );
  for (const line of lines) process.stdout.write(`${stamped(line)}\n`);
}
