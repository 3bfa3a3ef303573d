/** Which cards to discuss first: the most divided. Pure. */
import type { CardSummary, ConsensusLabel } from './cardSummary.ts';

const DISCUSSION_RANK: Record<ConsensusLabel, number> = {
  polarized: 0,
  weak: 1,
  moderate: 2,
  strong: 3,
  single: 4,
  'no-data': 5,
};

/** Polarized, weak, moderate, strong (each by ascending rwg), then single and no-data cards. */
export function discussionOrder<Id>(
  cards: readonly { cardId: Id; summary: Pick<CardSummary, 'label' | 'rwg'> }[],
): Id[] {
  return [...cards]
    .sort(
      (a, b) =>
        DISCUSSION_RANK[a.summary.label] - DISCUSSION_RANK[b.summary.label] ||
        (a.summary.rwg ?? 0) - (b.summary.rwg ?? 0),
    )
    .map((card) => card.cardId);
}
