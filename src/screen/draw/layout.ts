/** Where each panel goes for a terminal of `cols` x `rows`. Pure: recomputed on resize. */
export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface Layout {
  log: Rect;
  peers: Rect;
  traffic: Rect;
  input: Rect;
  status: Rect;
}

const INPUT_HEIGHT = 3;
const STATUS_HEIGHT = 1;

/**
 * The peer panel's least width: its three columns that always show (number, a loopback
 * `IP:PORT`, a short name), the mark before them and the borders.
 */
export const SIDE_MIN_WIDTH = 30;
const SIDE_MAX_WIDTH = 60;

/**
 * The log takes most of the width, as in irssi and WeeChat: the side panels get about a
 * third, never less than their columns need; with `panels` off, none.
 */
export function layoutFor(cols: number, rows: number, panels = true): Layout {
  const width = Math.max(cols, 20);
  const height = Math.max(rows, 10);
  const mainHeight = height - INPUT_HEIGHT - STATUS_HEIGHT;
  const sideWidth = panels
    ? Math.max(SIDE_MIN_WIDTH, Math.min(SIDE_MAX_WIDTH, Math.floor(width / 3)))
    : 0;
  const logWidth = width - sideWidth;
  // Two series of a title row and a bar row each, inside a border.
  const trafficHeight = 8;
  return {
    log: { top: 0, left: 0, width: logWidth, height: mainHeight },
    peers: { top: 0, left: logWidth, width: sideWidth, height: mainHeight - trafficHeight },
    traffic: {
      top: mainHeight - trafficHeight,
      left: logWidth,
      width: sideWidth,
      height: trafficHeight,
    },
    input: { top: mainHeight, left: 0, width, height: INPUT_HEIGHT },
    status: { top: height - STATUS_HEIGHT, left: 0, width, height: STATUS_HEIGHT },
  };
}
