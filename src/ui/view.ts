import blessed from 'blessed';
import contrib from 'blessed-contrib';
import { InputLine } from '../app/input-line';
import { LIMITS_UI, type ChatModel } from '../app/state';
import type { PeerSnapshot } from '../core/peer-table';
import { layoutFor, type Rect } from './layout';
import { helpText, inputLine, peerTable, statusLine, trafficTitles, visibleLog } from './render';
import { INPUT_GAP_MS, MESSAGE_GAP_MS, RenderPacer } from './render-pacer';

export type Focus = 'input' | 'log' | 'peers';

/** What the view needs beyond the model: the input line and the screen's own state. */
export interface ViewState {
  input: InputLine;
  focus: Focus;
  helpOpen: boolean;
  /** A question shown over the input (a paste confirmation, the start-up prompts). */
  prompt: string | null;
  own: { name: string; addresses: string[] };
}

/** The screen as it opens: focus in the input, no help, no question. */
export function newViewState(): ViewState {
  return {
    input: new InputLine(),
    focus: 'input',
    helpOpen: false,
    prompt: null,
    own: { name: '', addresses: [] },
  };
}

const place = (rect: Rect): { top: number; left: number; width: number; height: number } => ({
  ...rect,
});

/**
 * The blessed widgets. Draws from the model and the view state only; renders are
 * coalesced to at most one per 33 ms (8 ms after a key), and skipped when nothing changed.
 */
export class ChatView {
  readonly screen: blessed.Widgets.Screen;
  private readonly log: blessed.Widgets.BoxElement;
  private readonly peers: contrib.Widgets.TableElement;
  private readonly traffic: contrib.Widgets.SparklineElement;
  private readonly input: blessed.Widgets.BoxElement;
  private readonly status: blessed.Widgets.BoxElement;
  private readonly help: blessed.Widgets.BoxElement;
  private peerOrder: string[] = [];
  private readonly pacer = new RenderPacer(() => this.draw());
  private renderedVersion = -1;
  private dirty = true;
  renders = 0;

  constructor(
    private readonly model: ChatModel,
    private readonly state: ViewState,
    /** Other streams than the process's (tests). */
    terminal?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
  ) {
    this.screen = blessed.screen({
      smartCSR: true,
      fullUnicode: true,
      dockBorders: true,
      autoPadding: true,
      title: 'peer-tui',
      ...(terminal as object),
    });
    const box = (extra: blessed.Widgets.BoxOptions): blessed.Widgets.BoxElement =>
      blessed.box({ parent: this.screen, tags: true, ...extra });
    this.log = box({
      label: ' messages ',
      border: { type: 'line' },
      scrollable: true,
      alwaysScroll: true,
      mouse: true,
      style: { border: { fg: 'gray' } },
    });
    this.peers = contrib.table({
      parent: this.screen,
      label: ' peers ',
      border: { type: 'line', fg: 'gray' },
      keys: true,
      mouse: true,
      interactive: true,
      columnSpacing: 0,
      columnWidth: [200],
      fg: 'white',
      selectedFg: 'black',
      selectedBg: 'cyan',
    } as unknown as contrib.Widgets.TableOptions);
    this.traffic = contrib.sparkline({
      parent: this.screen,
      label: ' traffic ',
      tags: true,
      border: { type: 'line', fg: 'gray' },
      style: { fg: 'cyan' },
    } as unknown as contrib.Widgets.SparklineOptions);
    this.input = box({ border: { type: 'line' }, mouse: true, style: { border: { fg: 'cyan' } } });
    this.status = box({ style: { fg: 'black', bg: 'cyan' } });
    this.help = box({
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
    this.place();
    model.subscribe(() => this.schedule());
    this.screen.on('resize', () => {
      this.place();
      this.invalidate();
    });
  }

  /** The peer under the selection in the peer panel. */
  selectedPeer(): string | undefined {
    const rows = (this.peers as unknown as { rows: { selected: number } }).rows;
    return this.peerOrder[rows.selected];
  }

  /** Scrolls the help text (it is longer than a small terminal). */
  scrollHelp(lines: number): void {
    this.help.scroll(lines);
    this.invalidate();
  }

  focusPeers(): void {
    this.peers.focus();
  }

  focusInput(): void {
    this.input.focus();
  }

  /** Rows of log text the log panel shows. */
  logHeight(): number {
    return Number(this.log.height) - 2;
  }

  /** Called on a click, with the panel clicked. */
  onClick(handler: (focus: Focus) => void): void {
    this.log.on('click', () => handler('log'));
    // A click on a row lands on the row, not the list; the list takes focus either way.
    (this.peers as unknown as { rows: blessed.Widgets.ListElement }).rows.on('focus', () =>
      handler('peers'),
    );
    this.input.on('click', () => handler('input'));
  }

  onPeerChosen(handler: (key: string) => void): void {
    (this.peers as unknown as { rows: blessed.Widgets.ListElement }).rows.on(
      'select',
      (_item, index) => {
        const key = this.peerOrder[index];
        if (key !== undefined) handler(key);
      },
    );
  }

  /** Something outside the model changed (input, focus, size): draw very soon. */
  invalidate(): void {
    this.dirty = true;
    this.schedule(INPUT_GAP_MS);
  }

  /** The model may have changed: draw soon if it did (no sooner than `minGapMs` after the last). */
  private schedule(minGapMs = MESSAGE_GAP_MS): void {
    this.pacer.request(minGapMs);
  }

  /** Ctrl-L: forget what the terminal shows and draw it all again. */
  redraw(): void {
    this.screen.realloc();
    this.invalidate();
  }

  destroy(): void {
    this.pacer.cancel();
    this.screen.destroy();
  }

  private place(): void {
    const layout = layoutFor(Number(this.screen.width), Number(this.screen.height));
    Object.assign(this.log, place(layout.log));
    Object.assign(this.peers, place(layout.peers));
    Object.assign(this.traffic, place(layout.traffic));
    Object.assign(this.input, place(layout.input));
    Object.assign(this.status, place(layout.status));
  }

  private draw(): void {
    if (!this.dirty && this.model.version === this.renderedVersion) return;
    this.dirty = false;
    this.renderedVersion = this.model.version;
    this.pacer.drew();
    this.renders += 1;
    this.drawLog();
    this.drawPeers();
    this.drawTraffic();
    this.drawInput();
    this.status.setContent(statusLine(this.model, this.state.own, Number(this.screen.width)));
    this.help.hidden = !this.state.helpOpen;
    this.screen.render();
  }

  private drawLog(): void {
    const height = Number(this.log.height) - 2;
    this.log.setLabel(this.state.focus === 'log' ? ' messages (PgUp/PgDn) ' : ' messages ');
    this.log.setContent(visibleLog(this.model, height).join('\n'));
    this.log.setScrollPerc(100);
  }

  private drawPeers(): void {
    const peers: PeerSnapshot[] = [...this.model.peers.values()];
    this.peerOrder = peers.map((peer) => peer.address.key);
    const table = peerTable(peers, Number(this.peers.width) - 3);
    this.peers.setData({ headers: [table.header], data: table.rows.map((row) => [row]) });
    const listed = peers.filter((p) => p.state === 'listed').length;
    const hint = this.state.focus === 'peers' ? '- Enter: target ' : '';
    this.peers.setLabel(` peers ${listed}/${peers.length} ${hint}`);
  }

  private drawTraffic(): void {
    const room = Math.max(4, Number(this.traffic.width) - 8);
    const series = [this.model.traffic.in.slice(-room), this.model.traffic.out.slice(-room)];
    this.traffic.setData(trafficTitles(series, LIMITS_UI.trafficBucketMs), series);
  }

  private drawInput(): void {
    const width = Number(this.input.width) - 2;
    const focused = this.state.focus === 'input';
    this.input.style.border.fg = focused ? 'cyan' : 'gray';
    const label = this.model.target
      ? ` to ${this.model.target.key} `
      : ' /send IP:PORT text, or /to IP:PORT ';
    this.input.setLabel(this.state.prompt === null ? label : ' answer ');
    if (this.state.prompt !== null) {
      this.input.setContent(
        `{yellow-fg}${this.state.prompt}{/yellow-fg} ${inputLine(this.state.input, width - this.state.prompt.length - 1).slice(2)}`,
      );
      return;
    }
    this.input.setContent(
      focused
        ? inputLine(this.state.input, width)
        : `{gray-fg}${inputLine(this.state.input, width)}{/gray-fg}`,
    );
  }
}
