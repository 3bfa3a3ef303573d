/**
 * Element and board roll-ups: an element from its cards' summaries, the board from its
 * elements, so that a roll-up never needs the raw positions again. Pure.
 */
import { type CardSummary, summarizeCard } from './cardSummary.ts';
import { assertPoints, type ConsensusOptions, uniformNullVariance } from './scale.ts';

export interface ElementSummary {
  position: number | null;
  rwgJ: number | null;
  adJ: number | null;
  polarizedCount: number;
}

export interface BoardSummary {
  position: number | null;
  rwg: number | null;
}

function meanOf(figures: readonly number[]): number | null {
  if (figures.length === 0) return null;
  let sum = 0;
  for (const figure of figures) sum += figure;
  return sum / figures.length;
}

/**
 * Element roll-up from its card summaries: position = mean of card medians; rwgJ = Lindell's
 * r*wg(J) = 1 − mean(s²ⱼ)/σ²eu over cards with nⱼ ≥ 2 (Lindell, Brandt & Whitney 1999), which,
 * unlike James's r_wg(J), does not rise with the number of cards; adJ = mean card AD_Md.
 */
export function rollUpElement(
  cards: readonly CardSummary[],
  opts: ConsensusOptions = {},
): ElementSummary {
  assertPoints(opts.points);
  const medians: number[] = [];
  const variances: number[] = [];
  const deviations: number[] = [];
  let polarizedCount = 0;
  for (const card of cards) {
    if (card.median !== null) medians.push(card.median);
    if (card.variance !== null) variances.push(card.variance);
    if (card.adMd !== null) deviations.push(card.adMd);
    if (card.polarized === true) polarizedCount++;
  }
  const meanVariance = meanOf(variances);
  return {
    position: meanOf(medians),
    rwgJ: meanVariance === null ? null : 1 - meanVariance / uniformNullVariance(opts.points),
    adJ: meanOf(deviations),
    polarizedCount,
  };
}

/** Board roll-up: unweighted means over elements of position and of rwgJ. */
export function rollUpBoard(elements: readonly ElementSummary[]): BoardSummary {
  const positions: number[] = [];
  const agreements: number[] = [];
  for (const element of elements) {
    if (element.position !== null) positions.push(element.position);
    if (element.rwgJ !== null) agreements.push(element.rwgJ);
  }
  return { position: meanOf(positions), rwg: meanOf(agreements) };
}

export function summarizeElement(
  cards: readonly (readonly unknown[])[],
  opts: ConsensusOptions = {},
): ElementSummary {
  return rollUpElement(
    cards.map((card) => summarizeCard(card, opts)),
    opts,
  );
}

export function summarizeBoard(
  elements: readonly (readonly (readonly unknown[])[])[],
  opts: ConsensusOptions = {},
): BoardSummary {
  return rollUpBoard(elements.map((cards) => summarizeElement(cards, opts)));
}
