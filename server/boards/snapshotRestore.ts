/**
 * A board document rebuilt from a checked snapshot, in memory, before anything is stored.
 *
 * The people of the snapshot come back under fresh ids, assigned in the snapshot's order (the
 * fresh ids are sorted, so join order and its tie-break by id stay the same), with their
 * removed and proxy flags and no token: their work is a record that nobody signs in as (the
 * facilitator still places for proxies). Closed rounds come back as frozen records, each
 * participant's latest placement of a card into their `place:` map, positions stored to 1e-4
 * as every placement is. Figures are recomputed, never taken from the file; a baseline's are
 * what it is, and come back as they were.
 */

import * as Y from 'yjs';
import {
  initBoardDoc,
  type Participant,
  putParticipant,
  roundPosition,
  setControl,
  setFinal,
  setPhase,
  setPlacement,
  startRound,
  type TransactionOrigin,
  writeBaseline,
} from '../../shared/boardDoc.ts';
import { summarizeCard } from '../../shared/consensus/cardSummary.ts';
import { closingRecordIndexes, frozenSummary } from '../../shared/rounds.ts';
import { withSeedTranslations } from '../../shared/seedTranslations.ts';
import type { ParsedSnapshot } from '../../shared/snapshot/parse.ts';
import { MIN_PLACEMENTS_FOR_DOTS } from '../../shared/visibility.ts';

const SERVER: TransactionOrigin = 'server';

type SnapshotPlacement = ParsedSnapshot['placements'][number];

/** `newParticipantId` makes candidate ids; `taken` are ids the board already uses. */
export function restoreBoardDoc(
  snapshot: ParsedSnapshot,
  newParticipantId: () => string,
  taken: ReadonlySet<string> = new Set(),
): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(
    doc,
    {
      title: snapshot.board.title,
      createdAt: Date.parse(snapshot.board.createdAt),
      organisations: snapshot.board.organisations,
      // Stored with the seed's translations, as a new board's rubric is.
      rubric: withSeedTranslations(snapshot.rubric),
    },
    SERVER,
  );
  const ids = freshIds(snapshot.participants.length, newParticipantId, taken);
  const idOf = new Map<string, string>();
  snapshot.participants.forEach((person, index) => {
    const participantId = ids[index] ?? newParticipantId();
    idOf.set(person.id, participantId);
    const participant: Participant = {
      name: person.name,
      role: 'participant',
      color: person.color,
      joinedAt: Date.parse(person.joinedAt),
    };
    if (person.organisation !== undefined) participant.organisation = person.organisation;
    if (person.proxy) participant.proxy = true;
    if (person.removed) participant.removed = true;
    putParticipant(doc, participantId, participant, SERVER);
  });
  const removed = new Set(snapshot.participants.filter((p) => p.removed).map((p) => p.id));

  restoreRounds(doc, snapshot, idOf, removed);
  for (const placement of latestPlacements(snapshot.placements)) {
    const participantId = idOf.get(placement.participantId);
    if (participantId === undefined || placement.placedAt === undefined) continue;
    setPlacement(
      doc,
      participantId,
      placement.cardId,
      {
        x: placement.position,
        round: placement.round,
        at: Date.parse(placement.placedAt),
        ...(placement.reason === undefined ? {} : { reason: placement.reason }),
      },
      SERVER,
    );
  }
  for (const final of snapshot.final) {
    setFinal(doc, final.cardId, { x: final.position, note: final.note }, SERVER);
  }
  setControl(doc, 'round', snapshot.session.round, SERVER);
  setControl(doc, 'roundCardIds', snapshot.session.roundCardIds, SERVER);
  setPhase(doc, snapshot.session.phase, SERVER);
  if (snapshot.baseline) {
    // Its matches are worked out again from the hand matches, as the board's always are.
    const { title, exportedAt, cards, manualMatches } = snapshot.baseline;
    // A file may claim a figure of one or two people: never kept, as a baseline made here.
    const kept = cards.map((card) =>
      card.n >= MIN_PLACEMENTS_FOR_DOTS
        ? card
        : { ...card, median: null, q1: null, q3: null, iqr: null, rwg: null },
    );
    writeBaseline(doc, { title, exportedAt, cards: kept, manualMatches }, SERVER);
  }
  return doc;
}

/** Distinct ids that are not taken, sorted. */
function freshIds(count: number, newId: () => string, taken: ReadonlySet<string>): string[] {
  const ids = new Set<string>();
  while (ids.size < count) {
    const id = newId();
    if (!taken.has(id)) ids.add(id);
  }
  return [...ids].sort();
}

/**
 * Replays the closed rounds as `startRound` wrote them. A card's k-th round lives in the k-th
 * record that lists the card; each record carries the session's round number it closed at.
 */
function restoreRounds(
  doc: Y.Doc,
  snapshot: ParsedSnapshot,
  idOf: ReadonlyMap<string, string>,
  removed: ReadonlySet<string>,
): void {
  const closingRecords = closingRecordIndexes(snapshot.rounds);
  const positions = snapshot.rounds.map(() => ({}) as Record<string, Record<string, number>>);
  const counted = snapshot.rounds.map(() => new Map<string, [string, number][]>());
  for (const placement of snapshot.placements) {
    const index = closingRecords.get(placement.cardId)?.[placement.round - 1];
    const participantId = idOf.get(placement.participantId);
    const byParticipant = index === undefined ? undefined : positions[index];
    if (index === undefined || participantId === undefined || !byParticipant) continue;
    const x = roundPosition(placement.position);
    const byCard = byParticipant[participantId] ?? {};
    byCard[placement.cardId] = x;
    byParticipant[participantId] = byCard;
    if (removed.has(placement.participantId)) continue;
    const values = counted[index]?.get(placement.cardId) ?? [];
    values.push([participantId, x]);
    counted[index]?.set(placement.cardId, values);
  }
  snapshot.rounds.forEach((record, index) => {
    // As the client freezes a round: each card's summary over who counts, in participant id order.
    const summaries: Record<string, unknown> = {};
    for (const cardId of record.cardIds) {
      const values = counted[index]?.get(cardId) ?? [];
      values.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      summaries[cardId] = frozenSummary(summarizeCard(values.map(([, x]) => x)));
    }
    // startRound files the record under the current round number and opens the next.
    setControl(doc, 'round', record.round, SERVER);
    startRound(
      doc,
      {
        cardIds: record.cardIds,
        closedAt: Date.parse(record.closedAt),
        positions: positions[index] ?? {},
        summaries,
      },
      false,
      SERVER,
    );
  });
}

/** Each participant's placement of each card in its highest round. */
function latestPlacements(placements: readonly SnapshotPlacement[]): SnapshotPlacement[] {
  const latest = new Map<string, SnapshotPlacement>();
  for (const placement of placements) {
    const key = `${placement.participantId} ${placement.cardId}`;
    const seen = latest.get(key);
    if (!seen || placement.round > seen.round) latest.set(key, placement);
  }
  return [...latest.values()];
}
