/**
 * Consensus speed: summarizeBoard at 500 participants × every card, and the incremental update
 * the board does when one placement arrives (recompute the touched card, then its element and
 * the board from the cards' summaries), exactly as client/state/bindBoard.ts does it.
 */
import type { Participant, Placement } from '../../shared/boardDoc.ts';
import { cardStats, elementSummaries } from '../../shared/boardStats.ts';
import type { CardSummary } from '../../shared/consensus/cardSummary.ts';
import { rollUpBoard, summarizeBoard } from '../../shared/consensus/rollUp.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import type { BenchFigure } from './figures.ts';

const PARTICIPANTS = 500;

/** A deterministic pseudo-random source, so every run measures the same boards. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(runs: number, work: () => void): number {
  for (let i = 0; i < 20; i++) work(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export function runConsensusBench(): BenchFigure[] {
  const random = seeded(42);
  const cards = rubricCards(ELEMENTS_OF_PARTNERSHIP);
  const board = ELEMENTS_OF_PARTNERSHIP.elements.map((element) =>
    element.cards.map(() => Array.from({ length: PARTICIPANTS }, () => random())),
  );
  const full = time(200, () => summarizeBoard(board));

  // The client's read-model: placements by card, then one new placement on one card.
  const participants: Record<string, Participant> = {};
  const placements: Record<string, Record<string, Placement>> = {};
  for (let p = 0; p < PARTICIPANTS; p++) {
    participants[`p${p}`] = { name: `P${p}`, role: 'participant', color: '#000', joinedAt: 0 };
  }
  for (const card of cards) {
    const byParticipant: Record<string, Placement> = {};
    for (let p = 0; p < PARTICIPANTS; p++)
      byParticipant[`p${p}`] = { x: random(), round: 1, at: 0 };
    placements[card.id] = byParticipant;
  }
  const summaries: Record<string, CardSummary> = {};
  for (const card of cards) {
    summaries[card.id] = cardStats(card.id, placements[card.id], participants, []).summary;
  }
  const touched = cards[0]?.id ?? 'trust.v1';
  const incremental = time(500, () => {
    const byParticipant = placements[touched] ?? {};
    byParticipant.p7 = { x: random(), round: 1, at: 1 };
    summaries[touched] = cardStats(touched, byParticipant, participants, []).summary;
    rollUpBoard(Object.values(elementSummaries(ELEMENTS_OF_PARTNERSHIP, (id) => summaries[id])));
  });
  return [
    {
      part: 'consensus',
      name: `summarizeBoard, ${PARTICIPANTS} participants × ${cards.length} cards (median)`,
      value: full,
      unit: 'ms',
      target: 5,
      better: 'lower',
    },
    {
      part: 'consensus',
      name: 'one new placement: card + element + board (median)',
      value: incremental,
      unit: 'ms',
      target: 0.2,
      better: 'lower',
    },
  ];
}
