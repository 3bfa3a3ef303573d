/**
 * An earlier board's snapshot to use as a baseline (the last retreat): the seed rubric with one
 * card under another id (same text), one worded differently, a group of four on `trust.v1`, an
 * agreed position on the renamed card, and a card only two people placed. Names, reasons and
 * organisations are there to prove that none of them is kept.
 */
import { INITIAL_CONTROL, type Placement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, type Rubric } from '../../shared/rubric.ts';
import { buildSnapshot } from '../../shared/snapshot/build.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';

export const BASELINE_TITLE = 'Autumn retreat';
export const BASELINE_SECRET_NAME = 'Zelda Quartermain';
export const BASELINE_SECRET_REASON = 'Our old reason nobody may see again';
/** trust.v1's positions then; the median is 0.3141 (a float no other figure will be). */
export const BASELINE_POSITIONS = [0.2718, 0.3141, 0.3141, 0.4142];
export const BASELINE_MEDIAN = 0.3141;
/** The renamed card's agreed position then. */
export const BASELINE_AGREED = 0.8125;
export const RENAMED_CARD = 'old.trust.two';
export const REWORDED_CARD = 'trust.v3';
export const OLD_REWORDED_CARD = 'old.trust.three';

function earlierRubric(): Rubric {
  const rubric = structuredClone(ELEMENTS_OF_PARTNERSHIP) as Rubric;
  const trust = rubric.elements[0];
  if (!trust) throw new Error('the seed has elements');
  trust.cards = trust.cards.map((card) => {
    if (card.id === 'trust.v2') return { ...card, id: RENAMED_CARD };
    // Another id and other words: only a hand match finds it.
    if (card.id === REWORDED_CARD) {
      return { id: OLD_REWORDED_CARD, column: card.column, text: 'An older wording of this card' };
    }
    return card;
  });
  return rubric;
}

/**
 * `reopened`: the earlier board then opened a second round on trust.v1 that nobody placed, as a
 * board exported in the middle of its last round is.
 */
export function baselineSnapshot({ reopened = false }: { reopened?: boolean } = {}): Snapshot {
  const people = ['a', 'b', 'c', 'd'];
  const at = Date.parse('2026-03-01T10:00:00.000Z');
  const placements: Record<string, Record<string, Placement>> = { 'trust.v1': {} };
  people.forEach((id, index) => {
    const x = BASELINE_POSITIONS[index] ?? 0;
    const byCard = placements['trust.v1'] ?? {};
    byCard[id] = { x, round: 1, at, ...(index === 0 ? { reason: BASELINE_SECRET_REASON } : {}) };
    placements['trust.v1'] = byCard;
  });
  placements[RENAMED_CARD] = {
    a: { x: 0.7, round: 1, at },
    b: { x: 0.9, round: 1, at },
    c: { x: 0.8, round: 1, at },
  };
  placements[OLD_REWORDED_CARD] = {
    a: { x: 0.1, round: 1, at },
    b: { x: 0.2, round: 1, at },
    c: { x: 0.3, round: 1, at },
  };
  // Two people only: their figure is never kept.
  placements['trust.p1'] = { a: { x: 0.61, round: 1, at }, b: { x: 0.63, round: 1, at } };
  const snapshot = buildSnapshot({
    boardId: 'earlier',
    meta: {
      schemaVersion: 2,
      title: BASELINE_TITLE,
      createdAt: at,
      organisations: ['County'],
      rubric: earlierRubric(),
    },
    control: { ...INITIAL_CONTROL, phase: 'final', ...(reopened ? { round: 2 } : {}) },
    participants: Object.fromEntries(
      people.map((id, index) => [
        id,
        {
          name: index === 0 ? BASELINE_SECRET_NAME : `Person ${id}`,
          role: 'participant' as const,
          color: '#0072B2',
          joinedAt: at,
          ...(index === 0 ? { organisation: 'County' } : {}),
        },
      ]),
    ),
    placements,
    final: { [RENAMED_CARD]: { x: BASELINE_AGREED, note: 'we agreed' } },
    rounds: reopened
      ? [
          {
            round: 1,
            cardIds: ['trust.v1'],
            closedAt: at + 1000,
            positions: Object.fromEntries(
              people.map((id, index) => [id, { 'trust.v1': BASELINE_POSITIONS[index] ?? 0 }]),
            ),
            summaries: {},
          },
        ]
      : [],
    exportedAt: Date.parse('2026-03-02T10:00:00.000Z'),
    anonymous: false,
  });
  return JSON.parse(JSON.stringify(snapshot)) as Snapshot;
}
