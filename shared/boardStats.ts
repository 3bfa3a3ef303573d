/**
 * Which placements count and what they add up to: the bridge between the board document's
 * values and the consensus math. Pure; used by the client's read-model and by exports.
 * Counted: participants (proxies included) who are not removed, with a placement written in the
 * card's current round. The facilitator and observers never count.
 */
import type { Participant, Placement, RoundRecord } from './boardDoc.ts';
import { cardRound } from './boardDoc.ts';
import { type CardSummary, summarizeCard } from './consensus/cardSummary.ts';
import { type ElementSummary, rollUpElement } from './consensus/rollUp.ts';
import { compareRounds, type RoundComparison } from './consensus/roundComparison.ts';
import {
  elementOrganisationPositions,
  type OrganisationPosition,
  organisationPositions,
  perceptionGap,
} from './perceptionGap.ts';
import type { Rubric } from './rubric.ts';

export function isCounted(participant: Participant | undefined): boolean {
  return participant !== undefined && participant.role === 'participant' && !participant.removed;
}

export interface CountedPlacement {
  participantId: string;
  placement: Placement;
}

/** The placements of one card that count now, in a stable order (by participant id). */
export function countedPlacements(
  byParticipant: Readonly<Record<string, Placement>> | undefined,
  participants: Readonly<Record<string, Participant>>,
  round: number,
): CountedPlacement[] {
  if (!byParticipant) return [];
  return Object.entries(byParticipant)
    .filter(([id, placement]) => isCounted(participants[id]) && placement.round === round)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([participantId, placement]) => ({ participantId, placement }));
}

/** The participants who count on the board now (for "9 of 12"). */
export function countedParticipantIds(
  participants: Readonly<Record<string, Participant>>,
): string[] {
  return Object.keys(participants).filter((id) => isCounted(participants[id]));
}

export interface CardStats {
  round: number;
  placed: CountedPlacement[];
  summary: CardSummary;
  /** Against the card's previous round, when it had one. */
  change: RoundComparison | null;
  /** Each partner organisation's median (empty when the board has none). */
  organisations: OrganisationPosition[];
  perceptionGap: number | null;
}

export function cardStats(
  cardId: string,
  byParticipant: Readonly<Record<string, Placement>> | undefined,
  participants: Readonly<Record<string, Participant>>,
  rounds: readonly RoundRecord[],
  organisations: readonly string[] = [],
): CardStats {
  const round = cardRound(cardId, rounds);
  const placed = countedPlacements(byParticipant, participants, round);
  const summary = summarizeCard(placed.map((entry) => entry.placement.x));
  const byOrganisation = organisationPositions(placed, participants, organisations);
  return {
    round,
    placed,
    summary,
    change: compareWithPreviousRound(cardId, placed, participants, rounds),
    organisations: byOrganisation,
    perceptionGap: perceptionGap(byOrganisation),
  };
}

function compareWithPreviousRound(
  cardId: string,
  placed: CountedPlacement[],
  participants: Readonly<Record<string, Participant>>,
  rounds: readonly RoundRecord[],
): RoundComparison | null {
  const previous = rounds.findLast((record) => record.cardIds.includes(cardId));
  if (!previous) return null;
  // Paired by participant: everyone counted now or then, in one order.
  const now = new Map(placed.map((entry) => [entry.participantId, entry.placement.x]));
  const ids = new Set([...now.keys()]);
  for (const [id, byCard] of Object.entries(previous.positions)) {
    if (byCard[cardId] !== undefined && isCounted(participants[id])) ids.add(id);
  }
  const ordered = [...ids].sort();
  return compareRounds(
    ordered.map((id) => previous.positions[id]?.[cardId] ?? null),
    ordered.map((id) => now.get(id) ?? null),
  );
}

export interface ElementOrganisations {
  positions: OrganisationPosition[];
  perceptionGap: number | null;
}

/** Each element's organisation positions and gap, from the cards' own. */
export function elementOrganisations(
  rubric: Rubric,
  organisations: readonly string[],
  statsOf: (cardId: string) => CardStats | undefined,
): Record<string, ElementOrganisations> {
  const result: Record<string, ElementOrganisations> = {};
  for (const element of rubric.elements) {
    const cards = element.cards.map((card) => statsOf(card.id)?.organisations ?? []);
    const positions = elementOrganisationPositions(cards, organisations);
    result[element.id] = { positions, perceptionGap: perceptionGap(positions) };
  }
  return result;
}

/** Element roll-ups from card summaries already computed (so one placement costs one card). */
export function elementSummaries(
  rubric: Rubric,
  summaryOf: (cardId: string) => CardSummary | undefined,
): Record<string, ElementSummary> {
  const result: Record<string, ElementSummary> = {};
  for (const element of rubric.elements) {
    const cards = element.cards
      .map((card) => summaryOf(card.id))
      .filter((summary): summary is CardSummary => summary !== undefined);
    result[element.id] = rollUpElement(cards);
  }
  return result;
}

/**
 * What a closed round keeps of a card's summary in the document: the figures rounds are compared
 * by. The full summary can always be recomputed from the frozen positions; keeping all of it
 * for every card of every round would make a three-hour document much larger.
 */
export type FrozenSummary = Pick<
  CardSummary,
  'n' | 'median' | 'q1' | 'q3' | 'iqr' | 'rwg' | 'label'
>;

export function frozenSummary(summary: CardSummary): FrozenSummary {
  const { n, median, q1, q3, iqr, rwg, label } = summary;
  return { n, median, q1, q3, iqr, rwg, label };
}

/** What a round freezes on its cards: every counted position and the cards' frozen summaries. */
export function frozenRound(
  cardIds: readonly string[],
  statsOf: (cardId: string) => CardStats | undefined,
): { positions: Record<string, Record<string, number>>; summaries: Record<string, FrozenSummary> } {
  const positions: Record<string, Record<string, number>> = {};
  const summaries: Record<string, FrozenSummary> = {};
  for (const cardId of cardIds) {
    const stats = statsOf(cardId);
    if (!stats) continue;
    summaries[cardId] = frozenSummary(stats.summary);
    for (const { participantId, placement } of stats.placed) {
      const byCard = positions[participantId] ?? {};
      byCard[cardId] = placement.x;
      positions[participantId] = byCard;
    }
  }
  return { positions, summaries };
}
