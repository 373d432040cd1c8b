import blessed from 'blessed';
import contrib from 'blessed-contrib';
import { LIMITS_UI, type ChatModel } from '../model/state';
import { Alerts, type TerminalWriter } from './alerts';
import { layoutFor, type Rect } from './layout';
import {
  peerPanelTitle,
  peerTable,
  statusLine,
  trafficTitles,
  viewList,
  visibleLog,
} from './render';
import type { Focus, ViewState } from '../view-state';
import { makeWidgets } from './widgets';
import { inputBox } from './input-box';
import { INPUT_GAP_MS, MESSAGE_GAP_MS, RenderPacer } from './render-pacer';
import { endInput, filterInput, useButtonEventMouse } from '../terminal/terminal-input';
import { quietScreen, terminalName, withoutColour } from '../terminal/terminal-colours';

export type { Focus, ViewState } from '../view-state';
export { newViewState } from '../view-state';

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
  /** A plain box given only the rows on screen: a crowd costs what is visible. */
  private readonly peers: blessed.Widgets.BoxElement;
  private readonly traffic: contrib.Widgets.SparklineElement;
  private readonly input: blessed.Widgets.BoxElement;
  private readonly status: blessed.Widgets.BoxElement;
  private readonly help: blessed.Widgets.BoxElement;
  /** The keys of the peer rows drawn last, top to bottom (for a click on a row). */
  private peerRows: string[] = [];
  private readonly pacer = new RenderPacer(() => this.draw());
  private renderedVersion = -1;
  private readonly alerts: Alerts;
  private dirty = true;
  private pasteHandler: ((text: string) => void) | undefined;
  renders = 0;

  constructor(
    private readonly model: ChatModel,
    private readonly state: ViewState,
    /** Other streams than the process's (tests). */
    terminal?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
  ) {
    this.screen = quietScreen({
      terminal: terminalName(process.env.TERM),
      smartCSR: true,
      fullUnicode: true,
      dockBorders: true,
      autoPadding: true,
      title: 'peer-tui',
      ...(terminal as object),
    });
    useButtonEventMouse(this.screen.program);
    if (!state.color) withoutColour(this.screen);
    filterInput(this.screen.program, (text) => this.pasteHandler?.(text));
    ({
      log: this.log,
      peers: this.peers,
      traffic: this.traffic,
      input: this.input,
      status: this.status,
      help: this.help,
    } = makeWidgets(this.screen));
    this.alerts = new Alerts(this.screen.program as unknown as TerminalWriter, state);
    this.place();
    if (!state.mouse) this.screen.program.disableMouse();
    model.subscribe(() => this.schedule());
    this.screen.on('resize', () => {
      this.place();
      this.invalidate();
    });
  }

  /** Rows of peers the peer panel shows (its height less the border and the header). */
  peerRowsShown(): number {
    return Math.max(1, Number(this.peers.height) - 3);
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

  /** Called with each paste, apart from typed keys. */
  onPaste(handler: (text: string) => void): void {
    this.pasteHandler = handler;
  }

  /** Alt-M: clicks for peer-tui, or the mouse left to the terminal (selecting text). */
  setMouse(on: boolean): void {
    if (on) this.screen.program.enableMouse();
    else this.screen.program.disableMouse();
    this.invalidate();
  }

  /** Called on a click, with the panel clicked (and the peer, on a peer row). */
  onClick(handler: (focus: Focus, peer?: string) => void): void {
    this.log.on('click', () => handler('log'));
    this.peers.on('click', (mouse: { y: number }) => {
      // Below the top border and the header row.
      const row = mouse.y - Number(this.peers.atop) - 2;
      handler('peers', this.peerRows[row]);
    });
    this.input.on('click', () => handler('input'));
  }

  /** Something outside the model changed (a key, focus, size): draw now if due, or very soon. */
  invalidate(): void {
    this.dirty = true;
    this.pacer.request(INPUT_GAP_MS, true);
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
    endInput(this.screen.program);
    this.screen.destroy();
  }

  /** F2, `/set panel`: the side panels shown or hidden, the log taking their room. */
  setPanels(on: boolean): void {
    this.state.panels = on;
    this.place();
    this.invalidate();
  }

  private place(): void {
    const layout = layoutFor(
      Number(this.screen.width),
      Number(this.screen.height),
      this.state.panels,
    );
    this.peers.hidden = !this.state.panels;
    this.traffic.hidden = !this.state.panels;
    Object.assign(this.log, place(layout.log));
    Object.assign(this.peers, place(layout.peers));
    Object.assign(this.traffic, place(layout.traffic));
    Object.assign(this.input, place(layout.input));
    Object.assign(this.status, place(layout.status));
  }

  private draw(): void {
    if (!this.dirty && this.model.version === this.renderedVersion) return;
    const started = performance.now();
    this.dirty = false;
    this.renderedVersion = this.model.version;
    this.renders += 1;
    this.drawLog();
    this.drawPeers();
    this.drawTraffic();
    this.drawInput();
    this.status.setContent(statusLine(this.model, this.state.own, Number(this.screen.width)));
    this.help.hidden = !this.state.helpOpen;
    this.screen.render();
    this.alerts.after(this.model.alerts, this.model.takeNotice());
    this.pacer.drew(performance.now() - started);
  }

  private drawLog(): void {
    const height = Number(this.log.height) - 2;
    const focused = this.state.focus === 'log';
    const hint = focused ? '(PgUp/PgDn) ' : '';
    this.log.setLabel(
      viewList(this.model.conversations, Number(this.log.width) - hint.length) + hint,
    );
    this.log.style.border.fg = focused ? 'cyan' : 'default';
    const width = Number(this.log.width) - 2;
    this.log.setContent(
      visibleLog(this.model, height, width, this.state.timestampFormat).join('\n'),
    );
    this.log.setScrollPerc(100);
  }

  private drawPeers(): void {
    const list = this.model.peers;
    const view = list.window(this.peerRowsShown());
    this.peerRows = view.rows.map((peer) => peer.address.key);
    const table = peerTable(view, list.widths, Number(this.peers.width) - 3);
    this.peers.setContent([table.header, ...table.rows].join('\n'));
    const focused = this.state.focus === 'peers';
    this.peers.style.border.fg = focused ? 'cyan' : 'default';
    this.peers.setLabel(
      peerPanelTitle(list.counts, list.filter, view.total, Number(this.peers.width)),
    );
  }

  private drawTraffic(): void {
    const room = Math.max(4, Number(this.traffic.width) - 8);
    const series = [this.model.traffic.in.slice(-room), this.model.traffic.out.slice(-room)];
    this.traffic.setData(trafficTitles(series, LIMITS_UI.trafficBucketMs), series);
  }

  private drawInput(): void {
    this.input.style.border.fg = this.state.focus === 'input' ? 'cyan' : 'default';
    const { label, content } = inputBox(this.model, this.state, Number(this.input.width) - 2);
    this.input.setLabel(label);
    this.input.setContent(content);
  }
}
