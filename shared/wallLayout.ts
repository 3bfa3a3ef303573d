/**
 * Lays sticky notes on an element's axis without overlap: each note is centred on its position
 * and goes into the first row where it fits. Pure, so the same layout serves the board, the
 * projector and the exported picture.
 */
export interface WallItem {
  id: string;
  x: number;
}

export interface PlacedNote extends WallItem {
  row: number;
  /** Left edge as a share of the axis, kept inside [0, 1 - width]. */
  left: number;
}

export function packNotes(items: readonly WallItem[], noteWidth: number): PlacedNote[] {
  const rowsRightEdge: number[] = [];
  const sorted = [...items].sort((a, b) => a.x - b.x || (a.id < b.id ? -1 : 1));
  return sorted.map((item) => {
    const left = Math.min(Math.max(item.x - noteWidth / 2, 0), 1 - noteWidth);
    let row = rowsRightEdge.findIndex((rightEdge) => rightEdge <= left + 1e-9);
    if (row === -1) {
      row = rowsRightEdge.length;
      rowsRightEdge.push(0);
    }
    rowsRightEdge[row] = left + noteWidth;
    return { ...item, row, left };
  });
}
