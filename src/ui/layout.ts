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

export function layoutFor(cols: number, rows: number): Layout {
  const width = Math.max(cols, 20);
  const height = Math.max(rows, 10);
  const mainHeight = height - INPUT_HEIGHT - STATUS_HEIGHT;
  const sideWidth = Math.max(30, Math.min(64, Math.floor(width * 0.5)));
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
