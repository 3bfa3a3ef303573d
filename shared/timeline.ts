/**
 * The board's figures over the day (issue 16, "Over the day"): what the server records and the
 * facilitator replays. One entry is the board at one moment: its time, phase and round, and
 * each card's median, spread (IQR), agreement (r_wg) and count — only cards with at least three
 * counted placements, so no figure of fewer than three is ever kept.
 *
 * Entries are stored compactly: figures in thousandths of the scale as integers, and each entry
 * holds only the cards whose figures changed since the entry before it (`null`: the card is no
 * longer recorded, e.g. a new round emptied it). `replayTimeline` folds them back into whole
 * boards. Facilitators only: the figures before a reveal must never reach participants, so the
 * timeline lives in the store, never in the board's document or its view. Pure.
 */
import type { Phase, Placement } from './boardDoc.ts';
import { readPlacement } from './boardDoc.ts';
import { summarizeCard } from './consensus/cardSummary.ts';
import { countedPlacements } from './countedPlacements.ts';
import type { ViewSource } from './publicView.ts';
import { cardRound } from './rounds.ts';
import { MIN_PLACEMENTS_FOR_DOTS } from './visibility.ts';

/** Figures are kept in thousandths of the [0,1] scale (r_wg in thousandths too). */
export const TIMELINE_SCALE = 1000;
/** At most one entry a minute while only placements change. */
export const TIMELINE_INTERVAL_MS = 60_000;
/** Entries a board keeps at most: more than two days of one a minute, then recording stops. */
export const MAX_TIMELINE_ENTRIES = 4000;
/** Cards one entry may name (a board has at most 8 elements × 12 cards). */
export const MAX_ENTRY_CARDS = 200;

/** One card's figures: median, IQR, r_wg (thousandths; r_wg may be negative) and count. */
export type TimelineFigures = [median: number, iqr: number, rwg: number, n: number];

/** One recorded moment, as stored: the cards whose figures changed since the entry before. */
export interface TimelineEntry {
  /** Epoch ms. */
  at: number;
  phase: Phase;
  /** `control.round` at that moment. */
  round: number;
  cards: Record<string, TimelineFigures | null>;
}

/** What the facilitator's timeline request answers. */
export interface TimelineResponse {
  boardId: string;
  entries: TimelineEntry[];
}

/** The board's whole figures at one moment: every recorded card. */
export interface TimelineMoment {
  at: number;
  phase: Phase;
  round: number;
  cards: Map<string, TimelineFigures>;
}

function toThousandths(value: number): number {
  return Math.round(value * TIMELINE_SCALE);
}

/** Each card's figures now, for cards with at least three counted placements. */
export function timelineFiguresOf(source: ViewSource): Map<string, TimelineFigures> {
  const figures = new Map<string, TimelineFigures>();
  for (const cardId of source.cardIds) {
    const byParticipant: Record<string, Placement> = {};
    for (const owner of source.owners) {
      const placement = readPlacement(source.doc, owner, cardId);
      if (placement) byParticipant[owner] = placement;
    }
    const placed = countedPlacements(
      byParticipant,
      source.participants,
      cardRound(cardId, source.rounds),
    );
    if (placed.length < MIN_PLACEMENTS_FOR_DOTS) continue;
    const summary = summarizeCard(placed.map((entry) => entry.placement.x));
    figures.set(cardId, [
      toThousandths(summary.median ?? 0),
      toThousandths(summary.iqr ?? 0),
      toThousandths(summary.rwg ?? 0),
      summary.n,
    ]);
  }
  return figures;
}

function sameFigures(a: TimelineFigures | undefined, b: TimelineFigures | undefined): boolean {
  return a !== undefined && b !== undefined && a.every((value, i) => value === b[i]);
}

/** The cards whose figures differ between two moments (`null`: gone since). */
export function changedCards(
  before: ReadonlyMap<string, TimelineFigures>,
  now: ReadonlyMap<string, TimelineFigures>,
): Record<string, TimelineFigures | null> {
  const cards: Record<string, TimelineFigures | null> = {};
  for (const [cardId, figures] of now) {
    if (!sameFigures(before.get(cardId), figures)) cards[cardId] = figures;
  }
  for (const cardId of before.keys()) if (!now.has(cardId)) cards[cardId] = null;
  return cards;
}

/** Folds stored entries (oldest first) into whole moments, one per entry. */
export function replayTimeline(entries: readonly TimelineEntry[]): TimelineMoment[] {
  const moments: TimelineMoment[] = [];
  let cards = new Map<string, TimelineFigures>();
  for (const entry of entries) {
    cards = new Map(cards);
    for (const [cardId, figures] of Object.entries(entry.cards)) {
      if (figures === null) cards.delete(cardId);
      else cards.set(cardId, figures);
    }
    moments.push({ at: entry.at, phase: entry.phase, round: entry.round, cards });
  }
  return moments;
}

/** The last moment at or before `at` (null before the first entry). */
export function momentAt(moments: readonly TimelineMoment[], at: number): TimelineMoment | null {
  let found: TimelineMoment | null = null;
  for (const moment of moments) {
    if (moment.at > at) break;
    found = moment;
  }
  return found;
}

/** One element at one moment: mean of its cards' medians, and mean r_wg (Lindell's r*wg(J)). */
export interface ElementPoint {
  at: number;
  /** [0,1]; null when none of its cards is recorded then. */
  position: number | null;
  agreement: number | null;
}

/**
 * An element's position and agreement at each moment. The mean of the cards' r_wg equals
 * Lindell's r*wg(J) of shared/consensus/rollUp.ts (both are 1 − mean variance / null variance).
 */
export function elementSeries(
  moments: readonly TimelineMoment[],
  cardIds: readonly string[],
): ElementPoint[] {
  return moments.map((moment) => {
    let medians = 0;
    let agreements = 0;
    let count = 0;
    for (const cardId of cardIds) {
      const figures = moment.cards.get(cardId);
      if (!figures) continue;
      medians += figures[0];
      agreements += figures[2];
      count += 1;
    }
    return count === 0
      ? { at: moment.at, position: null, agreement: null }
      : {
          at: moment.at,
          position: medians / count / TIMELINE_SCALE,
          agreement: agreements / count / TIMELINE_SCALE,
        };
  });
}
