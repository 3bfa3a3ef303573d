/**
 * Then and now against a baseline (the last retreat): where the group stood then (the agreed
 * position there, else its median) and where it stands now (the current median), per card and
 * rolled up per element and for the board. A move counts as large when it is more than half the
 * current IQR: more than the spread of the middle of the group can explain. Pure.
 */
import type { CardSummary } from './cardSummary.ts';

/** The figures of a baseline's card that then-and-now needs. */
export interface BaselineFigures {
  median: number | null;
  rwg: number | null;
  agreed: number | null;
}

export interface SinceBaseline {
  /** Where the group stood then (not `then`: that would make it look like a promise). */
  earlier: number;
  /** The current median; null while the card has no figure now. */
  now: number | null;
  /** now − then. */
  change: number | null;
  /** |change| > half the current IQR (with IQR 0, any move). */
  large: boolean;
  /** The current IQR, which `large` is judged against; null while there is none. */
  iqr: number | null;
}

/** A card's then and now, or null when the baseline has no position for it. */
export function sinceBaseline(
  baseline: BaselineFigures | null | undefined,
  now: Pick<CardSummary, 'median' | 'iqr'>,
): SinceBaseline | null {
  if (!baseline) return null;
  const earlier = baseline.agreed ?? baseline.median;
  if (earlier === null) return null;
  if (now.median === null) return { earlier, now: null, change: null, large: false, iqr: null };
  const change = now.median - earlier;
  const iqr = now.iqr ?? null;
  return { earlier, now: now.median, change, large: isLarge(change, iqr), iqr };
}

/** A move larger than half the spread of the middle of the group can explain. */
function isLarge(change: number, iqr: number | null): boolean {
  return Math.abs(change) > (iqr ?? 0) / 2 + 1e-9;
}

/** An element's or the board's then and now. */
export interface SinceRollUp {
  earlier: number;
  now: number;
  change: number;
  /** The mean current IQR of the same cards, and whether the move is larger than half of it. */
  iqr: number | null;
  large: boolean;
}

/**
 * Mean then and mean now over the cards (or elements) that have both, so both sides are over
 * the same cards; large when the mean move is more than half their mean current IQR.
 */
export function rollUpSince(
  cards: readonly (Pick<SinceBaseline, 'earlier' | 'now' | 'iqr'> | null)[],
): SinceRollUp | null {
  let earlier = 0;
  let now = 0;
  let count = 0;
  let iqrSum = 0;
  let iqrCount = 0;
  for (const card of cards) {
    if (!card || card.now === null) continue;
    earlier += card.earlier;
    now += card.now;
    count += 1;
    if (card.iqr !== null) {
      iqrSum += card.iqr;
      iqrCount += 1;
    }
  }
  if (count === 0) return null;
  const change = (now - earlier) / count;
  const iqr = iqrCount === 0 ? null : iqrSum / iqrCount;
  return { earlier: earlier / count, now: now / count, change, iqr, large: isLarge(change, iqr) };
}

/** Card ids by the size of their move since the baseline, largest first; the rest keep order. */
export function orderByChange<Id>(
  cards: readonly { cardId: Id; since: SinceBaseline | null }[],
): Id[] {
  const size = (since: SinceBaseline | null) =>
    since === null || since.change === null ? -1 : Math.abs(since.change);
  return [...cards].sort((a, b) => size(b.since) - size(a.since)).map((card) => card.cardId);
}
