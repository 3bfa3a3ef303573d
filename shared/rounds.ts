/**
 * Rounds, stated once. Every card starts in round 1. The facilitator closes the open round on
 * some cards (or the whole board) and opens the next: each counted position on those cards and
 * their summaries are frozen into a record of the `rounds` root, and `control.roundCardIds` says
 * which cards the new round includes. A card's k-th round is therefore closed by the k-th record
 * that lists it, and its current round is 1 plus the records that list it. Placements count for
 * a card only when written in its current round, so a new round starts every card in it afresh.
 * A round of a card starts when the record closing its previous round was frozen (its first
 * round: when the board was created); a placement's time is read inside that round's window.
 * Pure, apart from `freezeRound`, which writes the record through boardDoc.ts.
 */
import type * as Y from 'yjs';
import {
  type Control,
  type Participant,
  type RoundRecord,
  startRound,
  type TransactionOrigin,
} from './boardDoc.ts';
import type { CardSummary } from './consensus/cardSummary.ts';
import { compareRounds, type RoundComparison } from './consensus/roundComparison.ts';
import { type CountedPlacement, isCounted } from './countedPlacements.ts';

/** What rounds are told apart by: the cards a closed round listed (records and snapshot rounds). */
interface ClosedRound {
  readonly cardIds: readonly string[];
}

/** The round a card is in: 1 plus the closed rounds it was part of. */
export function cardRound(cardId: string, rounds: readonly ClosedRound[]): number {
  let round = 1;
  for (const record of rounds) if (record.cardIds.includes(cardId)) round += 1;
  return round;
}

/** What a round's start is read from: the closed rounds' cards and times. */
interface TimedClosedRound extends ClosedRound {
  readonly closedAt: number;
}

/**
 * When a card's round began (epoch ms): the closing time of the record that closed the card's
 * previous round, or for its first round the board's creation.
 */
export function roundStartedAt(
  cardId: string,
  round: number,
  rounds: readonly TimedClosedRound[],
  boardCreatedAt: number,
): number {
  if (round <= 1) return boardCreatedAt;
  return closedRoundsOf(cardId, rounds)[round - 2]?.closedAt ?? boardCreatedAt;
}

/** How long before its round's start a placement's time may read: a device's slow clock. */
export const PLACED_BEFORE_ROUND_MS = 60_000;
/** How far past the server's now a placement's time may read: a device's fast clock. */
export const PLACED_AHEAD_OF_NOW_MS = 120_000;

/**
 * A placement's time as readers and exports show it: what the client claimed, clamped into
 * [its round's start − PLACED_BEFORE_ROUND_MS, the server's now + PLACED_AHEAD_OF_NOW_MS].
 * Clamped, not refused, because an offline placement is honestly older than its upload. No time
 * (NaN) stays no time.
 */
export function clampPlacedAt(at: number, roundStart: number, serverNow: number): number {
  const latest = serverNow + PLACED_AHEAD_OF_NOW_MS;
  return Math.min(Math.max(at, roundStart - PLACED_BEFORE_ROUND_MS), latest);
}

/** The closed rounds of a card, in order: the k-th closed the card's round k. */
export function closedRoundsOf<Round extends ClosedRound>(
  cardId: string,
  rounds: readonly Round[],
): Round[] {
  return rounds.filter((record) => record.cardIds.includes(cardId));
}

/** cardId → the indexes (into `rounds`) of the records that closed its rounds 1, 2, …. */
export function closingRecordIndexes(rounds: readonly ClosedRound[]): Map<string, number[]> {
  const indexes = new Map<string, number[]>();
  rounds.forEach((record, index) => {
    for (const cardId of record.cardIds) {
      const closing = indexes.get(cardId) ?? [];
      closing.push(index);
      indexes.set(cardId, closing);
    }
  });
  return indexes;
}

/** Whether the open round includes a card (`roundCardIds` null: the whole board). */
export function isInOpenRound(cardId: string, control: Pick<Control, 'roundCardIds'>): boolean {
  return control.roundCardIds === null || control.roundCardIds.includes(cardId);
}

/**
 * A card's change against its previous round, when it had one. Paired by participant: everyone
 * counted now or then, in one order.
 */
export function compareWithPreviousRound(
  cardId: string,
  placed: readonly CountedPlacement[],
  participants: Readonly<Record<string, Participant>>,
  rounds: readonly RoundRecord[],
): RoundComparison | null {
  const previous = rounds.findLast((record) => record.cardIds.includes(cardId));
  if (!previous) return null;
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

/** What a round freezes of a card: its counted placements and their summary (boardStats). */
export interface CardRoundState {
  placed: readonly CountedPlacement[];
  summary: CardSummary;
}

/** What a round freezes on its cards: every counted position and the cards' frozen summaries. */
export function frozenRound(
  cardIds: readonly string[],
  statsOf: (cardId: string) => CardRoundState | undefined,
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

/**
 * Closes the open round on some cards (null: the whole board, every card of `allCardIds`) and
 * opens the next, freezing what `statsOf` says of each card.
 */
export function freezeRound(
  doc: Y.Doc,
  cardIds: readonly string[] | null,
  allCardIds: readonly string[],
  statsOf: (cardId: string) => CardRoundState | undefined,
  closedAt: number,
  origin: TransactionOrigin,
): void {
  const ids = [...(cardIds ?? allCardIds)];
  const { positions, summaries } = frozenRound(ids, statsOf);
  startRound(doc, { cardIds: ids, closedAt, positions, summaries }, cardIds === null, origin);
}
