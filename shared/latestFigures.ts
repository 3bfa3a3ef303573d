/**
 * The latest figures of a card, for the picture and the report: the card's current round when
 * anyone has placed it in that round, else the latest closed round that had placements, marked
 * with that round. A whole-board second round opens every card afresh; the cards nobody placed
 * again keep what the group said before instead of "not placed yet". (The CSV and the snapshot
 * keep each round's own figures: docs/snapshot-format.md.)
 *
 * The whole board (a facilitator) has every frozen position, so an earlier round's figures are
 * recomputed from the people who count now, as the snapshot does. A view (participants,
 * observers) has no frozen positions: a closed round carries its frozen summary only when the
 * view was showing that card's group (else only its count), and that is what is shown. Below
 * three placements a non-facilitator sees no group figures (visibility.ts). Pure.
 */
import type { Participant, Role, RoundRecord } from './boardDoc.ts';
import type { CardStats } from './boardStats.ts';
import { type CardSummary, type ConsensusLabel, summarizeCard } from './consensus/cardSummary.ts';
import {
  type BoardSummary,
  type ElementSummary,
  rollUpBoard,
  rollUpElement,
} from './consensus/rollUp.ts';
import { uniformNullVariance } from './consensus/scale.ts';
import { type CountedPlacement, isCounted } from './countedPlacements.ts';
import {
  elementOrganisationPositions,
  type OrganisationPosition,
  organisationPositions,
} from './perceptionGap.ts';
import { closedRoundsOf } from './rounds.ts';
import type { Rubric } from './rubric.ts';
import { groupVisible } from './visibility.ts';

export interface LatestFigures {
  /**
   * The board round whose close froze these figures (`rounds[].round`); null when they are the
   * card's current round.
   */
  fromRound: number | null;
  /** How many counted people placed the card in that round. */
  placed: number;
  /** The group's figures; an empty (no-data) summary when they are not shown. */
  summary: CardSummary;
  /** The positions behind them, when this screen may know them. */
  positions: readonly number[];
  /**
   * Each partner organisation's figure in that round; null when this screen does not have them
   * (a view keeps no organisation figures of closed rounds).
   */
  organisations: readonly OrganisationPosition[] | null;
}

export interface LatestBoardFigures {
  cards: Record<string, LatestFigures>;
  /** Element roll-ups of the cards' latest figures. */
  elements: Record<string, ElementSummary>;
  /**
   * elementId → each organisation's roll-up of the cards' latest organisation figures (of the
   * cards that have them); null when none of its cards has them on this screen.
   */
  elementOrganisations: Record<string, OrganisationPosition[] | null>;
  board: BoardSummary;
}

/** What the current round of a card says (the read-model's CardStats). */
export type CurrentFigures = Pick<
  CardStats,
  'placedCount' | 'placed' | 'summary' | 'organisations'
>;

export interface LatestFiguresSource {
  rounds: readonly RoundRecord[];
  participants: Readonly<Record<string, Participant>>;
  organisations: readonly string[];
  /** Who looks: only a facilitator sees the group of fewer than three. */
  role: Role;
}

const NO_FIGURES = summarizeCard([]);
const LABELS: readonly ConsensusLabel[] = [
  'no-data',
  'single',
  'polarized',
  'strong',
  'moderate',
  'weak',
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function figure(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * A closed round's frozen summary (`{ n, median, q1, q3, iqr, rwg, label }`, or only `{ n }` in a
 * view that did not show the group) as a card summary; null when there is none. The variance,
 * which element roll-ups need, follows from r_wg = 1 − s²/σ²eu (continuous scale); what a frozen
 * summary does not keep stays null.
 */
export function summaryFromFrozen(value: unknown): { n: number; summary: CardSummary } | null {
  if (!isRecord(value)) return null;
  const n = figure(value.n);
  if (n === null || n <= 0) return null;
  const median = figure(value.median);
  const label = LABELS.find((known) => known === value.label);
  if (median === null || label === undefined) return { n, summary: NO_FIGURES };
  const rwg = figure(value.rwg);
  return {
    n,
    summary: {
      ...NO_FIGURES,
      n,
      median,
      q1: figure(value.q1),
      q3: figure(value.q3),
      iqr: figure(value.iqr),
      rwg,
      rwgDisplay: rwg === null ? null : Math.max(0, rwg),
      variance: rwg === null ? null : (1 - rwg) * uniformNullVariance(undefined),
      polarized: label === 'polarized',
      label,
    },
  };
}

/** Only a facilitator sees the group of fewer than three (visibility.ts). */
function shownTo(figures: LatestFigures, role: Role): LatestFigures {
  if (groupVisible(figures.placed, role)) return figures;
  return { ...figures, summary: NO_FIGURES, positions: [], organisations: [] };
}

/** The frozen, still counted placements of a card in one closed round (the whole board only). */
function frozenPlacements(
  record: RoundRecord,
  cardId: string,
  participants: Readonly<Record<string, Participant>>,
): CountedPlacement[] {
  return Object.entries(record.positions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([participantId, byCard]) => {
      const x = byCard[cardId];
      if (x === undefined || !isCounted(participants[participantId])) return [];
      return [{ participantId, placement: { x, round: record.round, at: 0 } }];
    });
}

/** The figures of the latest closed round of a card that had placements, or null. */
function closedRoundFigures(cardId: string, source: LatestFiguresSource): LatestFigures | null {
  const closed = closedRoundsOf(cardId, source.rounds);
  for (const record of closed.reverse()) {
    const placed = frozenPlacements(record, cardId, source.participants);
    if (placed.length > 0) {
      const positions = placed.map((entry) => entry.placement.x);
      return {
        fromRound: record.round,
        placed: placed.length,
        summary: summarizeCard(positions),
        positions,
        organisations: organisationPositions(placed, source.participants, source.organisations),
      };
    }
    // The whole board keeps every frozen position: nobody counted on this card in that round.
    if (Object.keys(record.positions).length > 0) continue;
    const frozen = summaryFromFrozen(record.summaries[cardId]);
    if (frozen) {
      return {
        fromRound: record.round,
        placed: frozen.n,
        summary: frozen.summary,
        positions: [],
        organisations: null,
      };
    }
  }
  return null;
}

/** The latest figures of one card (see the module's comment). */
export function latestFigures(
  cardId: string,
  current: CurrentFigures | undefined,
  source: LatestFiguresSource,
): LatestFigures {
  if (current && current.placedCount > 0) {
    return shownTo(
      {
        fromRound: null,
        placed: current.placedCount,
        summary: current.summary,
        positions: current.placed.map((entry) => entry.placement.x),
        organisations: current.organisations,
      },
      source.role,
    );
  }
  const earlier = closedRoundFigures(cardId, source);
  if (earlier) return shownTo(earlier, source.role);
  return { fromRound: null, placed: 0, summary: NO_FIGURES, positions: [], organisations: [] };
}

/** Every card's latest figures and what they add up to per element and for the board. */
export function latestBoardFigures(
  rubric: Rubric,
  stats: Readonly<Record<string, CurrentFigures | undefined>>,
  source: LatestFiguresSource,
): LatestBoardFigures {
  const cards: Record<string, LatestFigures> = {};
  const elements: Record<string, ElementSummary> = {};
  const elementOrganisations: Record<string, OrganisationPosition[] | null> = {};
  for (const element of rubric.elements) {
    const figures = element.cards.map((card) => {
      const latest = latestFigures(card.id, stats[card.id], source);
      cards[card.id] = latest;
      return latest;
    });
    elements[element.id] = rollUpElement(figures.map((latest) => latest.summary));
    const known = figures.flatMap((latest) => (latest.organisations ? [latest.organisations] : []));
    const unknown = known.length < figures.length;
    elementOrganisations[element.id] =
      unknown && known.every((organisations) => organisations.length === 0)
        ? null
        : elementOrganisationPositions(known, source.organisations);
  }
  return { cards, elements, elementOrganisations, board: rollUpBoard(Object.values(elements)) };
}
