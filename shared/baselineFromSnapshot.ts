/**
 * A baseline from an earlier board's checked snapshot: its per-card figures, nothing about its
 * people. Pure.
 */
import type { BaselineCard, StoredBaseline } from './baseline.ts';
import { cardTexts } from './baselineMatching.ts';
import { summarizeCard } from './consensus/cardSummary.ts';
import { closingRecordIndexes } from './rounds.ts';
import { rubricCards } from './rubric.ts';
import type { ParsedSnapshot } from './snapshot/parse.ts';
import { MIN_PLACEMENTS_FOR_DOTS } from './visibility.ts';

/**
 * A snapshot's per-card figures: each card's counted placements (not removed people) in its
 * latest round with at least three of them, recomputed rather than taken from the file, and the
 * agreed position. No figure of fewer than three placements is kept.
 */
export function baselineFromSnapshot(snapshot: ParsedSnapshot): StoredBaseline {
  const removed = new Set(snapshot.participants.filter((p) => p.removed).map((p) => p.id));
  const closing = closingRecordIndexes(snapshot.rounds);
  const agreed = new Map(snapshot.final.map((final) => [final.cardId, final.position]));
  // cardId → round → the counted positions, gathered once (a file may hold 50,000 placements).
  const byCard = new Map<string, Map<number, number[]>>();
  for (const placement of snapshot.placements) {
    if (removed.has(placement.participantId)) continue;
    const rounds = byCard.get(placement.cardId) ?? new Map<number, number[]>();
    const values = rounds.get(placement.round) ?? [];
    values.push(placement.position);
    rounds.set(placement.round, values);
    byCard.set(placement.cardId, rounds);
  }
  const cards = rubricCards(snapshot.rubric).map((card): BaselineCard => {
    const lastRound = (closing.get(card.id)?.length ?? 0) + 1;
    const rounds = byCard.get(card.id);
    // The latest round with a figure, as the earlier board's report showed it (latestFigures.ts):
    // a round opened and left thin at the end does not hide the one before it.
    let values = rounds?.get(lastRound) ?? [];
    for (let round = lastRound; round >= 1; round -= 1) {
      const inRound = rounds?.get(round) ?? [];
      if (inRound.length >= MIN_PLACEMENTS_FOR_DOTS) {
        values = inRound;
        break;
      }
    }
    const summary = summarizeCard(values);
    const shown = values.length >= MIN_PLACEMENTS_FOR_DOTS;
    return {
      id: card.id,
      elementId: card.elementId,
      texts: cardTexts(snapshot.rubric, card),
      n: values.length,
      median: shown ? summary.median : null,
      q1: shown ? summary.q1 : null,
      q3: shown ? summary.q3 : null,
      iqr: shown ? summary.iqr : null,
      rwg: shown ? summary.rwg : null,
      agreed: agreed.get(card.id) ?? null,
    };
  });
  return {
    title: snapshot.board.title,
    exportedAt: snapshot.exportedAt,
    cards,
    manualMatches: {},
  };
}
