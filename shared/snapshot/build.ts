/**
 * Building a snapshot from the board's data. `buildSnapshot` works on plain data, so the client
 * builds one from its read-model and the server from the document (fromDoc.ts). Pure.
 */
import type { StoredBaseline } from '../baseline.ts';
import { matchableCards, matchBaseline } from '../baselineMatching.ts';
import type {
  BoardMeta,
  Control,
  FinalPosition,
  Participant,
  Placement,
  RoundRecord,
} from '../boardDoc.ts';
import { cardStats, elementSummaries } from '../boardStats.ts';
import { type CardSummary, summarizeCard } from '../consensus/cardSummary.ts';
import { discussionOrder } from '../consensus/discussionOrder.ts';
import { rollUpBoard } from '../consensus/rollUp.ts';
import type { RoundComparison } from '../consensus/roundComparison.ts';
import { isCounted } from '../countedPlacements.ts';
import { rubricLanguages } from '../i18n/rubricText.ts';
import { clampPlacedAt, closedRoundsOf, roundStartedAt } from '../rounds.ts';
import { everyRubricCard, rubricCards } from '../rubric.ts';
import { withSeedTranslations } from '../seedTranslations.ts';
import { exportedName, exportedPeople } from './anonymise.ts';
import {
  SNAPSHOT_VERSION,
  type Snapshot,
  type SnapshotCardSummary,
  type SnapshotPlacement,
  type SnapshotRoundChange,
} from './schema.ts';

/** What a snapshot is made of: the board's data as the document's readers return it. */
export interface SnapshotSource {
  boardId: string;
  meta: BoardMeta;
  control: Control;
  participants: Readonly<Record<string, Participant>>;
  /** cardId → participantId → placement, the shape of the client's read-model. */
  placements: Readonly<Record<string, Readonly<Record<string, Placement>>>>;
  final: Readonly<Record<string, FinalPosition>>;
  rounds: readonly RoundRecord[];
  /** The board's baseline, when it has one (null or absent: none). */
  baseline?: StoredBaseline | null;
  /** Epoch ms. */
  exportedAt: number;
  anonymous: boolean;
}

export function buildSnapshot(source: SnapshotSource): Snapshot {
  const { meta, rounds } = source;
  const { people, exportIds, order } = exportedPeople(source.participants, source.anonymous);
  // A board stored before translations exports the seed's, as its readers show them.
  const rubric = withSeedTranslations(meta.rubric);
  const cards = rubricCards(rubric);
  // A retired card's placements and rounds stay in the export (issue 16); its figures do not.
  const placeable = everyRubricCard(rubric);
  const known = new Set(placeable.map((card) => card.id));
  const createdAt = isoTime(meta.createdAt) ?? new Date(0).toISOString();

  const computed = cards.map((card) => ({
    card,
    stats: cardStats(card.id, source.placements[card.id], source.participants, rounds),
  }));
  const stats = computed.map(({ card, stats: { round, placed, summary, change } }) => {
    const outlierIds = summary.outliers.flatMap((index) => placed[index]?.participantId ?? []);
    return {
      cardId: card.id,
      elementId: card.elementId,
      round,
      summary: withNamedOutliers(summary, outlierIds, exportIds, order),
      change: change && withoutSummaries(change),
    };
  });
  const summaryOf = new Map(computed.map(({ card, stats }) => [card.id, stats.summary]));
  const elements = elementSummaries(rubric, (cardId) => summaryOf.get(cardId));

  const snapshot: Snapshot = {
    snapshotVersion: SNAPSHOT_VERSION,
    exportedAt: isoTime(source.exportedAt) ?? createdAt,
    anonymous: source.anonymous,
    board: {
      id: source.boardId,
      title: meta.title,
      createdAt,
      organisations: [...meta.organisations],
    },
    rubric,
    languages: rubricLanguages(rubric),
    session: {
      phase: source.control.phase,
      round: source.control.round,
      roundCardIds: source.control.roundCardIds?.filter((id) => known.has(id)) ?? null,
    },
    participants: people.map(([id, participant], index) => ({
      id: exportIds.get(id) ?? id,
      name: exportedName(participant, index, source.anonymous),
      ...(participant.organisation === undefined ? {} : { organisation: participant.organisation }),
      color: participant.color,
      joinedAt: isoTime(participant.joinedAt) ?? createdAt,
      proxy: participant.proxy === true,
      removed: participant.removed === true,
    })),
    placements: collectPlacements(source, placeable, exportIds, order),
    rounds: rounds.map((record) => ({
      round: record.round,
      cardIds: record.cardIds.filter((id) => known.has(id)),
      closedAt: isoTime(record.closedAt) ?? createdAt,
      summaries: roundSummaries(record, known, people, exportIds, order),
    })),
    final: placeable.flatMap((card) => {
      const position = source.final[card.id];
      return position ? [{ cardId: card.id, position: position.x, note: position.note }] : [];
    }),
    summaries: {
      cards: stats,
      elements: Object.entries(elements).map(([elementId, summary]) => ({ elementId, summary })),
      board: rollUpBoard(Object.values(elements)),
      discussionOrder: discussionOrder(stats),
    },
  };
  if (source.baseline) {
    const { baseline } = source;
    const matches = matchBaseline(matchableCards(rubric), baseline.cards, baseline.manualMatches);
    snapshot.baseline = { ...baseline, matches: Object.fromEntries(matches) };
  }
  return snapshot;
}

/**
 * Every placement of every round: closed rounds from the frozen records, the open one (and
 * anything a record lacks, such as a removed person's position) from the `place:` maps, which
 * also give a closed round's position its time and reason while they still hold it. A time is
 * what the client claimed, clamped into its round's window (rounds.ts): never before the round
 * began, never after the export.
 */
function collectPlacements(
  source: SnapshotSource,
  cards: readonly { id: string }[],
  exportIds: ReadonlyMap<string, string>,
  order: ReadonlyMap<string, number>,
): SnapshotPlacement[] {
  const result: SnapshotPlacement[] = [];
  for (const { id: cardId } of cards) {
    const live = source.placements[cardId] ?? {};
    const found = new Map<string, { participantId: string; placement: Placement }>();
    const closed = closedRoundsOf(cardId, source.rounds);
    closed.forEach((record, index) => {
      const round = index + 1;
      for (const [participantId, byCard] of Object.entries(record.positions)) {
        const x = byCard[cardId];
        if (x === undefined || !exportIds.has(participantId)) continue;
        const current = live[participantId];
        const placement =
          current?.round === round && current.x === x ? current : { x, round, at: Number.NaN };
        found.set(`${round} ${participantId}`, { participantId, placement });
      }
    });
    const openRound = closed.length + 1;
    for (const [participantId, placement] of Object.entries(live)) {
      const key = `${placement.round} ${participantId}`;
      const valid = Number.isInteger(placement.round) && placement.round <= openRound;
      if (!valid || !exportIds.has(participantId) || found.has(key)) continue;
      found.set(key, { participantId, placement });
    }
    const sorted = [...found.values()].sort(
      (a, b) =>
        a.placement.round - b.placement.round ||
        (order.get(a.participantId) ?? 0) - (order.get(b.participantId) ?? 0),
    );
    for (const { participantId, placement } of sorted) {
      const roundStart = roundStartedAt(
        cardId,
        placement.round,
        source.rounds,
        source.meta.createdAt,
      );
      const placedAt = isoTime(clampPlacedAt(placement.at, roundStart, source.exportedAt));
      result.push({
        participantId: exportIds.get(participantId) ?? participantId,
        cardId,
        round: placement.round,
        position: placement.x,
        ...(placement.reason === undefined ? {} : { reason: placement.reason }),
        ...(placedAt === null ? {} : { placedAt }),
      });
    }
  }
  return result;
}

/** A closed round's figures per card, over the people who count now (removed people do not). */
function roundSummaries(
  record: RoundRecord,
  known: ReadonlySet<string>,
  people: readonly [string, Participant][],
  exportIds: ReadonlyMap<string, string>,
  order: ReadonlyMap<string, number>,
): Record<string, SnapshotCardSummary> {
  const summaries: Record<string, SnapshotCardSummary> = {};
  for (const cardId of record.cardIds) {
    if (!known.has(cardId)) continue;
    const placed = people.flatMap(([id, participant]) => {
      const x = record.positions[id]?.[cardId];
      return x !== undefined && isCounted(participant) ? [{ id, x }] : [];
    });
    const summary = summarizeCard(placed.map((entry) => entry.x));
    const outlierIds = summary.outliers.flatMap((index) => placed[index]?.id ?? []);
    summaries[cardId] = withNamedOutliers(summary, outlierIds, exportIds, order);
  }
  return summaries;
}

/** Outliers by (exported) participant id in join order: indexes would depend on id order. */
function withNamedOutliers(
  summary: CardSummary,
  outlierIds: readonly string[],
  exportIds: ReadonlyMap<string, string>,
  order: ReadonlyMap<string, number>,
): SnapshotCardSummary {
  const outliers = [...outlierIds]
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map((id) => exportIds.get(id) ?? id);
  return { ...summary, outliers };
}

function withoutSummaries(change: RoundComparison): SnapshotRoundChange {
  const { before: _before, after: _after, ...rest } = change;
  return rest;
}

/** Latest time `Date` prints as a plain four-digit-year ISO 8601 string (9999-12-31). */
const MAX_ISO_TIME = 253_402_300_799_999;

/** ISO 8601 UTC, or null for no time (NaN) or one outside years 1970–9999. */
function isoTime(ms: number): string | null {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_ISO_TIME ? new Date(ms).toISOString() : null;
}
