import blessed from 'blessed';
import contrib from 'blessed-contrib';
import { helpText } from './render';

export interface Widgets {
  log: blessed.Widgets.BoxElement;
  /** A plain box given only the rows on screen: a crowd costs what is visible. */
  peers: blessed.Widgets.BoxElement;
  traffic: contrib.Widgets.SparklineElement;
  input: blessed.Widgets.BoxElement;
  status: blessed.Widgets.BoxElement;
  help: blessed.Widgets.BoxElement;
}

/** The screen's boxes, unplaced (draw/layout.ts places them) and empty. */
export function makeWidgets(screen: blessed.Widgets.Screen): Widgets {
  const box = (extra: blessed.Widgets.BoxOptions): blessed.Widgets.BoxElement =>
    blessed.box({ parent: screen, tags: true, ...extra });
  const log = box({
    label: ' messages ',
    border: { type: 'line' },
    scrollable: true,
    alwaysScroll: true,
    mouse: true,
    style: { border: { fg: 'default' } },
  });
  const peers = box({
    label: ' peers ',
    border: { type: 'line' },
    mouse: true,
    keyable: true,
    style: { border: { fg: 'default' } },
  } as blessed.Widgets.BoxOptions);
  const traffic = contrib.sparkline({
    parent: screen,
    label: ' traffic ',
    tags: true,
    border: { type: 'line', fg: 'default' },
    style: { fg: 'cyan' },
  } as unknown as contrib.Widgets.SparklineOptions);
  const input = box({ border: { type: 'line' }, mouse: true, style: { border: { fg: 'cyan' } } });
  const status = box({ style: { fg: 'black', bg: 'cyan' } });
  const help = box({
    label: ' help: Up/Down/PgUp/PgDn scroll, Escape closes ',
    border: { type: 'line' },
    hidden: true,
    top: 'center',
    left: 'center',
    width: '90%',
    height: '90%',
    scrollable: true,
    alwaysScroll: true,
    content: helpText(),
    style: { border: { fg: 'yellow' } },
  });
  return { log, peers, traffic, input, status, help };
}
