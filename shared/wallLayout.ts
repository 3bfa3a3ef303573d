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
  /** The most lines any card may get. */
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

/** Most lines a card's text gets on the projector; longer texts end with an ellipsis. */
const MAX_LINES = 3;

/**
 * Splits items, in order, into at most `count` consecutive groups with the smallest tallest
 * group (heights joined by `gap`): columns as even as the order allows.
 */
function balancedColumns(heights: readonly number[], count: number, gap: number): number[][] {
  const n = heights.length;
  const span = (from: number, to: number) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += heights[i] ?? 0;
    return sum + Math.max(0, to - from - 1) * gap;
  };
  // best[k][i]: the tallest column when the first i items fill k columns; cut[k][i] where the
  // last of them starts.
  const best: number[][] = [Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0 : Infinity))];
  const cut: number[][] = [Array.from({ length: n + 1 }, () => 0)];
  for (let k = 1; k <= count; k++) {
    const row = Array.from({ length: n + 1 }, () => Infinity);
    const cuts = Array.from({ length: n + 1 }, () => 0);
    row[0] = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < i; j++) {
        const tallest = Math.max(best[k - 1]?.[j] ?? Infinity, span(j, i));
        if (tallest < (row[i] ?? Infinity)) {
          row[i] = tallest;
          cuts[i] = j;
        }
      }
    }
    best.push(row);
    cut.push(cuts);
  }
  const columns: number[][] = [];
  let end = n;
  for (let k = count; k > 0 && end > 0; k--) {
    const start = cut[k]?.[end] ?? 0;
    columns.unshift(Array.from({ length: end - start }, (_, i) => start + i));
    end = start;
  }
  return columns;
}

function tryLayout(
  input: WallLayoutInput,
  groups: readonly (readonly WallLayoutElement[])[],
  fontPx: number,
  columns: number,
): Candidate | null {
  const metrics = wallMetrics(fontPx);
  const columnWidthPx = (input.width - (columns - 1) * metrics.gapPx) / columns;
  // Text beside the track, inside the block's side padding.
  const textWidth = columnWidthPx * (1 - metrics.trackShare) - 2 * metrics.blockPaddingPx;
  const charsPerLine = textWidth / (fontPx * CHAR_WIDTH_EM);
  if (charsPerLine < 12) return null;
  const chrome = metrics.blockPaddingPx + metrics.headingPx + metrics.footerPx;
  const cardLines: Record<string, number[]> = {};
  let wholeCards = 0;
  let cards = 0;
  const pages: string[][][] = [];
  const columnHeights: number[][] = [];
  for (const group of groups) {
    const needed = group.map((element) =>
      element.cardTexts.map((text) => estimateLines(text, charsPerLine)),
    );
    // One line a card first; the columns' spare height then goes to longer texts.
    const oneLine = needed.map((lines) => chrome + lines.length * rowHeight(metrics, 1));
    const split = balancedColumns(oneLine, columns, metrics.gapPx);
    const page: string[][] = [];
    const heights: number[] = [];
    for (const indices of split) {
      let height =
        indices.reduce((sum, i) => sum + (oneLine[i] ?? 0), 0) +
        Math.max(0, indices.length - 1) * metrics.gapPx;
      if (height > input.height) return null;
      const given = indices.map((i) => (needed[i] ?? []).map(() => 1));
      const wanting = indices.flatMap((i, at) =>
        (needed[i] ?? []).map((lines, card) => ({ at, card, lines: Math.min(lines, MAX_LINES) })),
      );
      // Whole texts first, the shortest first: the most cards read in full.
      wanting.sort((a, b) => a.lines - b.lines);
      for (const want of wanting) {
        const extra = (want.lines - 1) * metrics.lineHeightPx;
        if (extra > 0 && height + extra <= input.height) {
          height += extra;
          const lines = given[want.at];
          if (lines) lines[want.card] = want.lines;
        }
      }
      // Then any room left: one more line to those still cut short.
      for (const want of wanting) {
        const lines = given[want.at];
        const now = lines?.[want.card] ?? 1;
        if (lines && now < want.lines && height + metrics.lineHeightPx <= input.height) {
          height += metrics.lineHeightPx;
          lines[want.card] = now + 1;
        }
      }
      indices.forEach((i, at) => {
        const element = group[i];
        if (!element) return;
        const lines = given[at] ?? [];
        cardLines[element.id] = lines;
        lines.forEach((line, card) => {
          cards += 1;
          if (line >= (needed[i]?.[card] ?? 1)) wholeCards += 1;
        });
      });
      page.push(indices.flatMap((i) => (group[i] ? [group[i].id] : [])));
      heights.push(height);
    }
    pages.push(page);
    columnHeights.push(heights);
  }
  return {
    layout: {
      ...metrics,
      maxLines: MAX_LINES,
      columns,
      columnWidthPx,
      pages,
      cardLines,
      columnHeights,
    },
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
 * is tried with 1–4 columns, each card given the lines its text needs (up to three) while its
 * column has room; the first size where 90 % of texts show whole wins, else the size that shows
 * the most. Pages only when nothing fits at the smallest.
 */
export function layoutWall(input: WallLayoutInput): WallLayout {
  const minFont = Math.max(1, Math.floor(input.minFontPx));
  const maxFont = Math.max(minFont, Math.floor(input.maxFontPx));
  for (let pageCount = 1; pageCount <= Math.max(1, input.elements.length); pageCount++) {
    const groups = split(input.elements, pageCount);
    let best: Candidate | null = null;
    for (let fontPx = maxFont; fontPx >= minFont; fontPx--) {
      for (let columns = 1; columns <= 4; columns++) {
        const candidate = tryLayout(input, groups, fontPx, columns);
        if (candidate && (!best || candidate.whole > best.whole + 0.05)) best = candidate;
      }
      // Good enough: most cards whole at this (the largest fitting) size.
      if (best && best.whole >= 0.9) return best.layout;
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
