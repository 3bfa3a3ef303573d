/**
 * A board's baseline: where the group stood on each card at an earlier board (the last
 * retreat), taken from that board's snapshot (issue 16, "Since the last retreat"). Only the
 * per-card figures are kept, never a name, participant id, reason or organisation; the
 * earlier board's title and export time label it. This file holds its types and its lenient
 * reader; the figures are taken in baselineFromSnapshot.ts and the cards matched (by id, then
 * by identical text, and by the facilitator's hand) in baselineMatching.ts. Pure.
 */

/** One card of the earlier board and what its group added up to there. */
export interface BaselineCard {
  /** The card's id on the earlier board. */
  id: string;
  elementId: string;
  /** The card's text by language tag, its own language first (for matching and display). */
  texts: Record<string, string>;
  /** Counted placements in the card's last round there. */
  n: number;
  /** Null with fewer than three placements: a figure of one or two tells where they stood. */
  median: number | null;
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  rwg: number | null;
  /** The position the group agreed on there, when it did. */
  agreed: number | null;
}

/** Board card id → baseline card id, or null for "no match" (so no automatic one either). */
export type BaselineMatches = Record<string, string | null>;

/**
 * The baseline as the board document stores it (root `baseline`, shared/boardDoc.ts), checked
 * with baselineSchema.ts where it arrives from outside (snapshots, commands between servers).
 */
export interface StoredBaseline {
  /** The earlier board's title and when its snapshot was taken: "since <title>, <date>". */
  title: string;
  exportedAt: string;
  cards: BaselineCard[];
  manualMatches: BaselineMatches;
}

/** Where the group stood then on a card: the agreed position, else the median. */
export function thenPosition(card: Pick<BaselineCard, 'agreed' | 'median'>): number | null {
  return card.agreed ?? card.median;
}

// ---------------------------------------------------------------------------------------------
// Reading the stored baseline (any client could have written the root; only the server may).
// Lenient like every reader of the document, and without zod, which the board's pages load
// only where they check a file.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function figureOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function parseBaselineCard(value: unknown): BaselineCard | null {
  if (!isRecord(value)) return null;
  const { id, elementId, texts, n } = value;
  if (typeof id !== 'string' || typeof elementId !== 'string' || !isRecord(texts)) return null;
  const cleanTexts: Record<string, string> = {};
  for (const [language, text] of Object.entries(texts)) {
    if (typeof text === 'string') cleanTexts[language] = text;
  }
  return {
    id,
    elementId,
    texts: cleanTexts,
    n: typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0,
    median: figureOf(value.median),
    q1: figureOf(value.q1),
    q3: figureOf(value.q3),
    iqr: figureOf(value.iqr),
    rwg: figureOf(value.rwg),
    agreed: figureOf(value.agreed),
  };
}

export function parseStoredBaseline(value: unknown): StoredBaseline | null {
  if (!isRecord(value)) return null;
  const { title, exportedAt, cards, manualMatches } = value;
  if (typeof title !== 'string' || typeof exportedAt !== 'string' || !Array.isArray(cards)) {
    return null;
  }
  const matches: BaselineMatches = {};
  if (isRecord(manualMatches)) {
    for (const [cardId, baselineId] of Object.entries(manualMatches)) {
      if (baselineId === null || typeof baselineId === 'string') matches[cardId] = baselineId;
    }
  }
  return {
    title,
    exportedAt,
    cards: cards.map(parseBaselineCard).filter((card): card is BaselineCard => card !== null),
    manualMatches: matches,
  };
}
