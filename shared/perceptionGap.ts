/**
 * Where each partner organisation stands, and how far apart they see things: the median of each
 * organisation's placements on a card, and the perception gap (the largest difference between
 * organisation medians). An organisation with fewer than three placements on a card shows "too
 * few to show" instead of a median, so nobody can be singled out.
 */
import type { Participant } from './boardDoc.ts';
import { summarizeCard } from './consensus/cardSummary.ts';
import type { CountedPlacement } from './countedPlacements.ts';

export const MIN_ORGANISATION_PLACEMENTS = 3;

export interface OrganisationPosition {
  organisation: string;
  /** Placements (cards, for an element) behind the figure. */
  n: number;
  /** null: too few to show. */
  median: number | null;
}

export function organisationPositions(
  placed: readonly CountedPlacement[],
  participants: Readonly<Record<string, Participant>>,
  organisations: readonly string[],
): OrganisationPosition[] {
  return organisations.map((organisation) => {
    const values = placed
      .filter((entry) => participants[entry.participantId]?.organisation === organisation)
      .map((entry) => entry.placement.x);
    const shown = values.length >= MIN_ORGANISATION_PLACEMENTS;
    return { organisation, n: values.length, median: shown ? summarizeCard(values).median : null };
  });
}

/** The largest difference between the medians shown; null with fewer than two to compare. */
export function perceptionGap(positions: readonly OrganisationPosition[]): number | null {
  const medians = positions
    .map((position) => position.median)
    .filter((median): median is number => median !== null);
  if (medians.length < 2) return null;
  return Math.max(...medians) - Math.min(...medians);
}

/**
 * An element per organisation: the mean of that organisation's card medians over the cards where
 * it has enough placements (the same roll-up as the element's own position).
 */
export function elementOrganisationPositions(
  cards: readonly (readonly OrganisationPosition[])[],
  organisations: readonly string[],
): OrganisationPosition[] {
  return organisations.map((organisation) => {
    const medians = cards
      .map((card) => card.find((position) => position.organisation === organisation)?.median)
      .filter((median): median is number => median !== null && median !== undefined);
    return {
      organisation,
      n: medians.length,
      median: medians.length > 0 ? medians.reduce((sum, m) => sum + m, 0) / medians.length : null,
    };
  });
}

/** "Discuss next" by perception gap: the largest gap first; cards without a gap last, in order. */
export function perceptionGapOrder<Id>(cards: readonly { cardId: Id; gap: number | null }[]): Id[] {
  return cards
    .map((card, index) => ({ ...card, index }))
    .sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || a.index - b.index)
    .map((card) => card.cardId);
}
