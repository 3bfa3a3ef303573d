/**
 * What the counted placements of a card add up to (countedPlacements.ts says which count): the
 * bridge between the board document's values and the consensus math. Pure; used by the client's
 * read-model and by exports.
 */
import type { Participant, Placement, RoundRecord } from './boardDoc.ts';
import { type CardSummary, summarizeCard } from './consensus/cardSummary.ts';
import { type ElementSummary, rollUpElement } from './consensus/rollUp.ts';
import type { RoundComparison } from './consensus/roundComparison.ts';
import {
  type BaselineFigures,
  rollUpSince,
  type SinceBaseline,
  type SinceRollUp,
  sinceBaseline,
} from './consensus/sinceBaseline.ts';
import { type CountedPlacement, countedPlacements } from './countedPlacements.ts';
import {
  elementOrganisationPositions,
  type OrganisationPosition,
  organisationPositions,
  perceptionGap,
} from './perceptionGap.ts';
import type { CardFigures } from './publicView.ts';
import { cardRound, compareWithPreviousRound } from './rounds.ts';
import type { Rubric } from './rubric.ts';

export interface CardStats {
  round: number;
  /** How many counted participants have placed the card in its round. */
  placedCount: number;
  /**
   * The placements shown: on the whole board, every counted one; in a view (publicView.ts), the
   * revealed positions only, under made-up ids unless names are shown.
   */
  placed: CountedPlacement[];
  /** The reasons given with them (no identity), in a stable order. */
  reasons: string[];
  summary: CardSummary;
  /** Against the card's previous round, when it had one. */
  change: RoundComparison | null;
  /** Each partner organisation's median (empty when the board has none). */
  organisations: OrganisationPosition[];
  perceptionGap: number | null;
  /** Then (the baseline's matched card) and now, when the board has a baseline for the card. */
  since: SinceBaseline | null;
  /** The baseline card's own figures (median, r_wg, agreed position). */
  baseline: BaselineFigures | null;
}

export function cardStats(
  cardId: string,
  byParticipant: Readonly<Record<string, Placement>> | undefined,
  participants: Readonly<Record<string, Participant>>,
  rounds: readonly RoundRecord[],
  organisations: readonly string[] = [],
  baseline: BaselineFigures | null = null,
): CardStats {
  const round = cardRound(cardId, rounds);
  const placed = countedPlacements(byParticipant, participants, round);
  const summary = summarizeCard(placed.map((entry) => entry.placement.x));
  const byOrganisation = organisationPositions(placed, participants, organisations);
  return {
    round,
    placedCount: placed.length,
    placed,
    reasons: reasonsOf(placed),
    summary,
    change: compareWithPreviousRound(cardId, placed, participants, rounds),
    organisations: byOrganisation,
    perceptionGap: perceptionGap(byOrganisation),
    since: sinceBaseline(baseline, summary),
    baseline,
  };
}

function reasonsOf(placed: readonly CountedPlacement[]): string[] {
  return placed
    .map((entry) => entry.placement.reason)
    .filter((reason): reason is string => reason !== undefined);
}

/** A card's stats as a view carries them (publicView.ts): the same shape, from the figures. */
export function cardStatsFromFigures(
  cardId: string,
  figures: CardFigures | undefined,
  rounds: readonly RoundRecord[],
): CardStats {
  const round = figures?.round ?? cardRound(cardId, rounds);
  const placed = (figures?.dots ?? []).map(
    (dot, index): CountedPlacement => ({
      participantId: dot.participantId ?? `#${index}`,
      placement: { x: dot.x, round, at: 0 },
    }),
  );
  const organisations = figures?.organisations ?? [];
  const summary = summarizeCard(placed.map((entry) => entry.placement.x));
  const baseline = figures?.baseline ?? null;
  return {
    round,
    placedCount: figures?.placed ?? 0,
    placed,
    reasons: figures?.reasons ?? [],
    summary,
    change: figures?.change ?? null,
    organisations,
    perceptionGap: perceptionGap(organisations),
    since: sinceBaseline(baseline, summary),
    baseline,
  };
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

/** Each element's then and now over its cards, and the board's over its elements. */
export function sinceRollUps(
  rubric: Rubric,
  sinceOf: (cardId: string) => SinceBaseline | null | undefined,
): { elements: Record<string, SinceRollUp | null>; board: SinceRollUp | null } {
  const elements: Record<string, SinceRollUp | null> = {};
  for (const element of rubric.elements) {
    elements[element.id] = rollUpSince(element.cards.map((card) => sinceOf(card.id) ?? null));
  }
  return { elements, board: rollUpSince(Object.values(elements)) };
}
