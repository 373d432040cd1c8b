import { NO_TRUST } from '../../helpers/peer';
import fc from 'fast-check';
import { InputLine } from '../../../src/screen/model/input-line';
import { ChatModel } from '../../../src/screen/model/state';
import type { PeerSnapshot } from '../../../src/node/peers/peer-table';
import { makeAddress } from '../../../src/wire/address';
import { fingerprint } from '../../../src/wire/fingerprint';
import { layoutFor } from '../../../src/screen/draw/layout';
import {
  inputLine,
  logLine,
  peerColour,
  peerPanelTitle,
  peerTable,
  visibleLog,
} from '../../../src/screen/draw/render';
import { cell, forScreen } from '../../../src/screen/draw/screen-text';

const { strWidth } = require('blessed/lib/unicode') as { strWidth(text: string): number };
const untag = (text: string): string => text.replace(/\{open\}/g, '{').replace(/\{close\}/g, '}');

const peer = (key: string, name: string, extra: Partial<PeerSnapshot> = {}): PeerSnapshot => {
  const [ip = '', port = '0'] = key.split(':');
  return {
    address: makeAddress(ip, Number(port)),
    name,
    alias: null,
    state: 'listed',
    sourceIp: ip,
    headerMatchesSource: true,
    ...NO_TRUST,
    connected: false,
    firstSeen: 0,
    lastSeen: 0,
    messagesIn: 1,
    messagesOut: 2,
    ...extra,
  };
};

describe('screen text', () => {
  it('escapes blessed tags and shows controls', () => {
    expect(forScreen('{bold}\u001b[31m')).toBe('{open}bold{close}^[[31m');
  });

  it('draws emoji, CJK and marks as themselves, normalised to one reading of their widths', () => {
    expect(forScreen('😀 ⌚ 𝐀 e\u0301')).toBe('😀 ⌚ 𝐀 e\u0301');
    expect(forScreen('a\u0301\u0302\u0303')).toBe('a\u0301\u0302<U+0303>'); // a pile
    expect(forScreen('世界 ❤\ufe0f')).toBe('世界 ❤'); // VS16 widens in some terminals only
    expect(forScreen('👨\u200d👩\u200d👧 a\u200db')).toBe('👨👩👧 a<U+200D>b');
    expect(forScreen('👍🏽 🇫🇷')).toBe('👍🏽 🇫🇷');
  });

  it('measures each code point as terminals do (xterm.js Unicode 11, tmux)', () => {
    // 😀 2, ⌚ 2, 𝐀 1, 世 2, é (e + mark) 1, 👍🏽 2 + 2, 🇫🇷 1 + 1, ❤ 1
    expect(strWidth(forScreen('😀⌚𝐀世e\u0301👍🏽🇫🇷❤\ufe0f'))).toBe(2 + 2 + 1 + 2 + 1 + 4 + 2 + 1);
  });

  it('fits any text to exactly the width asked, by blessed measure (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (text, width) => {
          expect(strWidth(untag(cell(text, width)))).toBe(width);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves no raw control, bidi or lone surrogate in screen text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (text) =>
          !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/u.test(
            forScreen(text),
          ),
      ),
      { numRuns: 300 },
    );
  });
});

describe('render', () => {
  it('gives each peer one colour of the palette, the same every time, spread across peers', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `127.0.0.1:${9000 + i}`);
    const colours = keys.map(peerColour);
    expect(keys.map(peerColour)).toEqual(colours);
    expect(colours.every((colour) => /^[a-z-]+$/.test(colour))).toBe(true);
    expect(new Set(colours).size).toBeGreaterThan(3);
  });

  it('marks own messages with their delivery and flags a header from another IP', () => {
    expect(
      logLine({
        kind: 'own',
        id: 'x',
        at: 0,
        to: '127.0.0.1:1',
        text: 'x',
        state: 'failed',
        error: 'ECONNREFUSED',
      }),
    ).toContain('(failed: connection refused (ECONNREFUSED))');
    expect(
      logLine({
        kind: 'chat',
        at: 0,
        from: '127.0.0.1:1',
        name: 'n',
        text: 't',
        headerMatchesSource: false,
        highlight: false,
      }),
    ).toContain('{red-fg}!{/red-fg}');
  });

  it("marks a room's earlier lines, theirs and ours, as a line of history is, without a delivery", () => {
    const model = new ChatModel(() => 1000);
    model.chat({
      from: makeAddress('127.0.0.1', 1),
      name: 'amy',
      text: 'said before you came',
      dialect: 'room',
      sourceIp: '127.0.0.1',
      headerMatchesSource: true,
      at: 500,
      room: '#r',
      backlog: true,
    });
    model.ownEarlier('#r', 'mine, last time', 600);
    const [theirs, ours] = model.log.map((entry) => logLine(entry, ''));
    expect(theirs).toMatch(/^\{blue-fg\}<\{\/blue-fg\} .*said before you came$/);
    expect(ours).toBe('{blue-fg}<{/blue-fg} {bold}me -> #r{/bold} mine, last time');
    // Nothing said before you came rings the bell.
    expect(model.alerts).toBe(0);
  });

  it('shows a room line said with nobody there as kept', () => {
    const model = new ChatModel(() => 1000);
    model.ownInRoom('#r', 'anyone?', []);
    expect(logLine(model.log[0]!, '')).toBe(
      '{bold}me -> #r{/bold} anyone? {yellow-fg}(kept){/yellow-fg}',
    );
  });

  it('marks a message in the clear for a pinned address unverified, and no other', () => {
    const chat = {
      kind: 'chat' as const,
      at: 0,
      from: '127.0.0.1:1',
      name: 'n',
      text: 't',
      headerMatchesSource: true,
      highlight: false,
    };
    expect(logLine({ ...chat, verified: false })).toContain('[unverified]');
    expect(logLine({ ...chat, verified: true })).not.toContain('[unverified]');
    expect(logLine(chat)).not.toContain('[unverified]');
  });

  it("shows a peer-tui peer's key, its marks, and a changed key loudly", () => {
    const key = 'ab'.repeat(32);
    const short = fingerprint(key).slice(0, 9);
    const rows = [
      peer('127.0.0.1:1', 'plain'),
      peer('127.0.0.1:2', 'pinned', { key }),
      peer('127.0.0.1:3', 'checked', { key, verifiedByYou: true }),
      peer('127.0.0.1:4', 'forged', { key, lastVerified: false }),
      peer('127.0.0.1:5', 'changed', { key, offeredKey: 'cd'.repeat(32) }),
    ];
    const table = peerTable(
      { rows, first: 0, total: 5, selected: -1 },
      { address: 11, name: 7 },
      100,
    );
    expect(table.header).toContain('key');
    expect(table.header).toContain('rooms');
    // Header and rows line up once tags are gone: the column under `key`, 12 wide.
    const column = table.header.indexOf('key');
    const keyOf = (row: string | undefined): string =>
      (row ?? '')
        .replace(/\{[^}]*\}/g, '')
        .slice(column, column + 12)
        .trim();
    expect(keyOf(table.rows[0])).toBe('');
    expect(keyOf(table.rows[1])).toBe(short);
    expect(keyOf(table.rows[2])).toBe(`${short}+`);
    expect(keyOf(table.rows[3])).toBe(`${short}?`);
    expect(keyOf(table.rows[4])).toBe('changed!');
    expect(table.rows[4]).toMatch(/^\{red-fg\}!\{\/red-fg\}/);
    expect(table.rows[1]).not.toMatch(/^\{red-fg\}/);
  });

  it('shows the last lines and a "new below" mark when scrolled up', () => {
    const model = new ChatModel();
    for (let i = 0; i < 20; i++) model.system(`line ${i}`);
    expect(visibleLog(model, 5).at(-1)).toContain('line 19');
    model.scroll(10);
    model.system('late');
    const lines = visibleLog(model, 5);
    expect(lines.at(-2)).toContain('line 9');
    expect(lines.at(-1)).toContain('1 new below');
  });

  it('drops optional peer columns to fit narrow panels, never the address', () => {
    const peers = [
      peer('127.0.0.1:9090', 'P2'),
      peer('127.0.0.1:9091', 'x{red-fg}', { headerMatchesSource: false }),
    ];
    const view = { rows: peers, first: 0, total: 2, selected: -1 };
    const widths = { address: 14, name: 9 };
    const wide = peerTable(view, widths, 80);
    expect(wide.header).toContain('seen');
    const narrow = peerTable(view, widths, 30);
    expect(narrow.header).not.toContain('in/out');
    expect(narrow.rows[0]).toContain('127.0.0.1:9090');
    expect(narrow.rows[1]).toMatch(/^\{red-fg\}!\{\/red-fg\}/);
    expect(narrow.rows[1]).toContain('x{open}red-fg{close}');
  });

  it('formats only the rows given, numbered in the whole list, the selected one inverse', () => {
    const rows = [peer('127.0.0.1:1', 'a'), peer('127.0.0.1:2', 'b')];
    const table = peerTable(
      { rows, first: 4998, total: 10_000, selected: 1 },
      { address: 11, name: 1 },
      80,
    );
    expect(table.rows).toHaveLength(2);
    expect(table.rows[0]).toMatch(/^ 4999 /);
    expect(table.rows[1]).toMatch(/^ \{inverse\}5000 /);
  });

  it('titles the panel with a count per state, and the filter with its matches', () => {
    const counts = { listed: 1850, known: 120, left: 30 };
    expect(peerPanelTitle(counts, '', 2000, 64)).toBe(' peers: 1850 listed, 120 known, 30 left ');
    expect(peerPanelTitle(counts, 'bob\u001b', 3, 80)).toBe(
      ' "bob^[" 3 match, Esc clears | 1850 listed, 120 known, 30 left ',
    );
    const narrow = peerPanelTitle(counts, 'bob', 3, 40);
    expect(strWidth(narrow)).toBeLessThanOrEqual(36);
    expect(narrow).toMatch(/^ "bob" 3 match.*~ $/);
    // A state with none is left out, so a narrow panel's title stays whole.
    expect(peerPanelTitle({ listed: 2, known: 0, left: 1 }, '', 0, 33)).toBe(
      ' peers: 2 listed, 1 left ',
    );
  });

  it('keeps the cursor in view on a long input', () => {
    const input = new InputLine();
    input.insert('x'.repeat(200));
    const line = inputLine(input, 40);
    expect(line.startsWith('> ')).toBe(true);
    expect(line.endsWith('{inverse} {/inverse}')).toBe(true);
  });

  it('lays out every size down to 80x24 without overlap', () => {
    for (const [cols, rows] of [
      [80, 24],
      [100, 30],
      [200, 60],
    ] as const) {
      const layout = layoutFor(cols, rows);
      expect(layout.log.width + layout.peers.width).toBe(cols);
      expect(layout.peers.height + layout.traffic.height).toBe(layout.log.height);
      expect(layout.status.top).toBe(rows - 1);
      expect(layout.input.top + layout.input.height).toBe(layout.status.top);
    }
  });
});

describe('a held message says what holds it', () => {
  it('a key change names the key and the /trust to run, not "unreachable"', () => {
    const line = logLine({
      kind: 'own',
      id: 'x',
      at: 0,
      to: '127.0.0.1:9090',
      text: 'hi',
      state: 'queued',
      error: 'E_KEY_CHANGED',
    });
    expect(line).toContain('its key changed; /trust 127.0.0.1:9090 to send');
    expect(line).not.toContain('unreachable');
  });
});
