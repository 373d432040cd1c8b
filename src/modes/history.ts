import type { CliOptions } from '../cli-options';
import { historyLines, stamped } from '../app/history-lines';
import { History } from '../store/history';
import { dataDirFor } from '../store/paths';

/** `peer-tui history`: the history of one identity, one line per event, then exit. */
export function printHistory(options: CliOptions, fail: (message: string) => never): void {
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
