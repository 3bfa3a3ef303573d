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

/**
 * The projector's wall: every element as a block of card rows (the card's text beside its
 * position on the element's axis), the blocks flowing into columns. Heights are exact (rows are
 * line-clamped to the lines given here), so the page never scrolls; beyond what fits at the
 * smallest legible size the board is split into pages.
 */
export interface WallLayoutElement {
  id: string;
  cardTexts: readonly string[];
}

export interface WallLayoutInput {
  /** The box the wall may fill, in CSS px. */
  width: number;
  height: number;
  elements: readonly WallLayoutElement[];
  /** The smallest card text the room can read from the back, and the largest worth using. */
  minFontPx: number;
  maxFontPx: number;
}

/** Sizes derived from the card text size; the wall renders them as given. */
export interface WallMetrics {
  fontPx: number;
  lineHeightPx: number;
  /** Vertical padding of a card row, both sides together. */
  rowPaddingPx: number;
  headingPx: number;
  /** The line under an element for cards without a position ("2 not placed yet"). */
  footerPx: number;
  /** Padding of an element block, both sides together, and the gap between blocks. */
  blockPaddingPx: number;
  gapPx: number;
  /** Width of the position track beside each card's text. */
  trackShare: number;
}

export interface WallLayout extends WallMetrics {
  maxLines: number;
  columns: number;
  columnWidthPx: number;
  /** page → column → element ids, in the rubric's order. */
  pages: string[][][];
  /** elementId → each card's lines (its text clamped to them), in the element's card order. */
  cardLines: Record<string, number[]>;
  /** Height of each column of each page, for checking the fit. */
  columnHeights: number[][];
}

/** Average width of a character of the UI's sans-serif as a share of its size (generous). */
const CHAR_WIDTH_EM = 0.55;

export function wallMetrics(fontPx: number): WallMetrics {
  return {
    fontPx,
    lineHeightPx: Math.ceil(fontPx * 1.25),
    rowPaddingPx: Math.ceil(fontPx * 0.3),
    headingPx: Math.ceil(fontPx * 1.15 * 1.3),
    footerPx: Math.ceil(fontPx * 0.85 * 1.3),
    blockPaddingPx: Math.ceil(fontPx * 0.6),
    gapPx: Math.ceil(fontPx * 0.6),
    trackShare: 0.34,
  };
}

export function rowHeight(metrics: WallMetrics, lines: number): number {
  return lines * metrics.lineHeightPx + metrics.rowPaddingPx;
}

/** Lines a text needs when wrapped at `charsPerLine`, word by word. */
export function estimateLines(text: string, charsPerLine: number): number {
  const perLine = Math.max(1, Math.floor(charsPerLine));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const length = word.length;
    if (used === 0) used = length;
    else if (used + 1 + length <= perLine) used += 1 + length;
    else {
      lines += 1;
      used = length;
    }
    while (used > perLine) {
      lines += 1;
      used -= perLine;
    }
  }
  return lines;
}

interface Candidate {
  layout: WallLayout;
  /** Share of cards whose whole text shows. */
  whole: number;
}

function tryLayout(
  input: WallLayoutInput,
  groups: readonly (readonly WallLayoutElement[])[],
  fontPx: number,
  maxLines: number,
  columns: number,
): Candidate | null {
  const metrics = wallMetrics(fontPx);
  const columnWidthPx = (input.width - (columns - 1) * metrics.gapPx) / columns;
  // Text beside the track, inside the block's side padding.
  const textWidth = columnWidthPx * (1 - metrics.trackShare) - 2 * metrics.blockPaddingPx;
  const charsPerLine = textWidth / (fontPx * CHAR_WIDTH_EM);
  if (charsPerLine < 12) return null;
  const cardLines: Record<string, number[]> = {};
  let wholeCards = 0;
  let cards = 0;
  const pages: string[][][] = [];
  const columnHeights: number[][] = [];
  for (const group of groups) {
    const page: string[][] = [[]];
    const heights: number[] = [0];
    for (const element of group) {
      const lines = element.cardTexts.map((text) => {
        const needed = estimateLines(text, charsPerLine);
        cards += 1;
        if (needed <= maxLines) wholeCards += 1;
        return Math.min(needed, maxLines);
      });
      cardLines[element.id] = lines;
      const block =
        metrics.blockPaddingPx +
        metrics.headingPx +
        metrics.footerPx +
        lines.reduce((sum, line) => sum + rowHeight(metrics, line), 0);
      if (block > input.height) return null;
      const column = heights.length - 1;
      const used = heights[column] ?? 0;
      const next = used === 0 ? block : used + metrics.gapPx + block;
      if (next <= input.height) {
        heights[column] = next;
        page[column]?.push(element.id);
      } else {
        if (heights.length === columns) return null;
        heights.push(block);
        page.push([element.id]);
      }
    }
    pages.push(page);
    columnHeights.push(heights);
  }
  return {
    layout: { ...metrics, maxLines, columns, columnWidthPx, pages, cardLines, columnHeights },
    whole: cards === 0 ? 1 : wholeCards / cards,
  };
}

/** The elements split into `count` consecutive pages of near-equal size. */
function split<T>(items: readonly T[], count: number): T[][] {
  const size = Math.ceil(items.length / count);
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    groups.push(items.slice(start, start + size));
  return groups;
}

/**
 * The largest text that fits, preferring whole card texts: each size from the largest down
 * is tried with 1–4 columns and up to three lines a card; the first size where most texts show
 * whole wins, else the size that shows the most. Pages only when nothing fits at the smallest.
 */
export function layoutWall(input: WallLayoutInput): WallLayout {
  const minFont = Math.max(1, Math.floor(input.minFontPx));
  const maxFont = Math.max(minFont, Math.floor(input.maxFontPx));
  for (let pageCount = 1; pageCount <= Math.max(1, input.elements.length); pageCount++) {
    const groups = split(input.elements, pageCount);
    let best: Candidate | null = null;
    for (let fontPx = maxFont; fontPx >= minFont; fontPx--) {
      for (let columns = 1; columns <= 4; columns++) {
        for (let maxLines = 3; maxLines >= 1; maxLines--) {
          const candidate = tryLayout(input, groups, fontPx, maxLines, columns);
          if (!candidate) continue;
          if (!best || candidate.whole > best.whole + 0.05) best = candidate;
          break;
        }
      }
      // Good enough: most cards whole at this (the largest fitting) size.
      if (best && best.whole >= 0.85) return best.layout;
    }
    const found = best as Candidate | null;
    if (found) return found.layout;
  }
  // Nothing fits even one element a page: the smallest size, one element a page (clamped).
  const metrics = wallMetrics(minFont);
  return {
    ...metrics,
    maxLines: 1,
    columns: 1,
    columnWidthPx: input.width,
    pages: input.elements.map((element) => [[element.id]]),
    cardLines: Object.fromEntries(input.elements.map((e) => [e.id, e.cardTexts.map(() => 1)])),
    columnHeights: input.elements.map(() => [input.height]),
  };
}
