/**
 * Progress on one element in the open round, for its tab and lane header: for a participant,
 * how many of the element's round cards they have placed ("3/8"); for the facilitator, how many
 * people have placed all of them ("21/29 finished"). Only the element's cards in the open round
 * (`control.roundCardIds`, or all) count, and a placement counts only when made in the card's
 * current round, as in roomProgress.ts.
 */
import type { Control, Participant, Placement } from './boardDoc.ts';
import { isCounted } from './countedPlacements.ts';
import { isInOpenRound } from './rounds.ts';

type Placements = Readonly<Record<string, Readonly<Record<string, Placement>>>>;

interface RoundCards {
  /** The element's card ids. */
  cardIds: readonly string[];
  control: Pick<Control, 'roundCardIds'>;
  /** A card's current round (CardStats.round). */
  roundOf: (cardId: string) => number;
}

/** The element's cards in the open round. */
export function elementRoundCards({ cardIds, control }: RoundCards): string[] {
  return cardIds.filter((cardId) => isInOpenRound(cardId, control));
}

export interface OwnElementProgress {
  placed: number;
  /** The element's cards in the open round (0: the element is not in it). */
  total: number;
}

export function ownElementProgress(
  input: RoundCards & { placements: Placements; participantId: string },
): OwnElementProgress {
  const cards = elementRoundCards(input);
  const placed = cards.filter(
    (cardId) => input.placements[cardId]?.[input.participantId]?.round === input.roundOf(cardId),
  ).length;
  return { placed, total: cards.length };
}

export interface RoomElementProgress {
  /** Counted people who placed every one of the element's round cards in this round. */
  finished: number;
  /** Counted people (participants and proxies, not removed). */
  people: number;
  /** The element's cards in the open round (0: the element is not in it). */
  roundSize: number;
}

export function roomElementProgress(
  input: RoundCards & {
    placements: Placements;
    participants: Readonly<Record<string, Participant>>;
  },
): RoomElementProgress {
  const cards = elementRoundCards(input);
  let people = 0;
  let finished = 0;
  for (const [participantId, participant] of Object.entries(input.participants)) {
    if (!isCounted(participant)) continue;
    people += 1;
    const done = cards.every(
      (cardId) => input.placements[cardId]?.[participantId]?.round === input.roundOf(cardId),
    );
    if (cards.length > 0 && done) finished += 1;
  }
  return { finished, people, roundSize: cards.length };
}
