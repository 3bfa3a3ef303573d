/**
 * The latest figures of a card: the current round when anyone placed it again, else the latest
 * closed round that had placements, marked with that round; never more than the viewer may see.
 */
import { describe, expect, it } from 'vitest';
import type { Participant, RoundRecord } from '../../../shared/boardDoc.ts';
import { cardStats } from '../../../shared/boardStats.ts';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import { rollUpElement } from '../../../shared/consensus/rollUp.ts';
import {
  type LatestFiguresSource,
  latestBoardFigures,
  latestFigures,
  summaryFromFrozen,
} from '../../../shared/latestFigures.ts';
import { frozenSummary } from '../../../shared/rounds.ts';
import type { Rubric } from '../../../shared/rubric.ts';

const person = (organisation?: string, removed = false): Participant => ({
  name: 'x',
  role: 'participant',
  color: '#000',
  joinedAt: 0,
  ...(organisation ? { organisation } : {}),
  ...(removed ? { removed } : {}),
});
const participants: Record<string, Participant> = {
  a: person('County'),
  b: person('County'),
  c: person('County'),
  d: person('Alliance'),
  gone: person(undefined, true),
};
const round1 = { a: 0.2, b: 0.3, c: 0.4, d: 0.9, gone: 1 };

/** A whole-board round 1 closed on cards k and m: k had four placements (and a removed one). */
function wholeBoardRecord(): RoundRecord {
  const positions: Record<string, Record<string, number>> = {};
  for (const [id, x] of Object.entries(round1)) positions[id] = { k: x };
  positions.a = { ...positions.a, m: 0.6 };
  return {
    round: 1,
    cardIds: ['k', 'm'],
    closedAt: 10,
    positions,
    summaries: {
      k: frozenSummary(summarizeCard(Object.values(round1))),
      m: frozenSummary(summarizeCard([0.6])),
    },
  };
}

function source(overrides: Partial<LatestFiguresSource> = {}): LatestFiguresSource {
  return {
    rounds: [wholeBoardRecord()],
    participants,
    organisations: ['County', 'Alliance'],
    role: 'facilitator',
    ...overrides,
  };
}

/** The card's current round (round 2) as the read-model has it. */
function now(cardId: string, byParticipant: Record<string, number>, src = source()) {
  const placements = Object.fromEntries(
    Object.entries(byParticipant).map(([id, x]) => [id, { x, round: 2, at: 20 }]),
  );
  return cardStats(cardId, placements, participants, src.rounds, src.organisations);
}

describe('latest figures of a card', () => {
  it('are the current round when anyone placed the card again', () => {
    const latest = latestFigures('k', now('k', { a: 0.7 }), source());
    expect(latest.fromRound).toBeNull();
    expect(latest.placed).toBe(1);
    expect(latest.summary.median).toBe(0.7);
    expect(latest.positions).toEqual([0.7]);
  });

  it("are the latest closed round's, marked with it, when nobody placed the card again", () => {
    const latest = latestFigures('k', now('k', {}), source());
    expect(latest.fromRound).toBe(1);
    // Recomputed from the people who count now: the removed person's 1 is left out.
    expect(latest.placed).toBe(4);
    expect(latest.positions).toEqual([0.2, 0.3, 0.4, 0.9]);
    expect(latest.summary).toEqual(summarizeCard([0.2, 0.3, 0.4, 0.9]));
    expect(latest.organisations).toEqual([
      { organisation: 'County', n: 3, median: 0.3 },
      { organisation: 'Alliance', n: 1, median: null },
    ]);
  });

  it('skip a closed round nobody placed in and go back to the one before', () => {
    const second: RoundRecord = {
      round: 2,
      cardIds: ['k'],
      closedAt: 20,
      positions: { a: { other: 0.1 } },
      summaries: { k: frozenSummary(summarizeCard([])) },
    };
    const rounds = [wholeBoardRecord(), second];
    const latest = latestFigures('k', cardStats('k', {}, participants, rounds), source({ rounds }));
    expect(latest.fromRound).toBe(1);
    expect(latest.placed).toBe(4);
  });

  it('say "not placed" for a card nobody ever placed', () => {
    const latest = latestFigures('z', undefined, source());
    expect(latest).toMatchObject({ fromRound: null, placed: 0, positions: [] });
    expect(latest.summary.label).toBe('no-data');
  });

  it("show no group of fewer than three to anyone but a facilitator, this round's or an earlier one's", () => {
    expect(latestFigures('m', now('m', {}), source()).summary.median).toBe(0.6);
    const participant = latestFigures('m', now('m', {}), source({ role: 'participant' }));
    expect(participant).toMatchObject({ fromRound: 1, placed: 1, positions: [] });
    expect(participant.summary.median).toBeNull();
    const current = latestFigures('k', now('k', { a: 0.7, b: 0.1 }), source({ role: 'observer' }));
    expect(current).toMatchObject({ fromRound: null, placed: 2, positions: [] });
    expect(current.summary.median).toBeNull();
  });

  it('in a view, take the frozen summary the view kept, or only its count', () => {
    const frozen = frozenSummary(summarizeCard([0.2, 0.3, 0.4, 0.9]));
    const viewRounds: RoundRecord[] = [
      {
        round: 1,
        cardIds: ['k', 'm'],
        closedAt: 10,
        positions: {},
        summaries: { k: frozen, m: { n: 4 } },
      },
    ];
    const src = source({ rounds: viewRounds, role: 'participant' });
    const shown = latestFigures(
      'k',
      { placedCount: 0, placed: [], summary: summarizeCard([]), organisations: [] },
      src,
    );
    expect(shown.fromRound).toBe(1);
    expect(shown.placed).toBe(4);
    expect(shown.summary).toMatchObject({
      n: 4,
      median: frozen.median,
      rwg: frozen.rwg,
      label: frozen.label,
    });
    // A view keeps no organisation figures of closed rounds: unknown, not "too few".
    expect(shown.organisations).toBeNull();
    const rubricOfK: Rubric = {
      id: 'r',
      title: 'R',
      elements: [{ id: 'e', name: 'E', cards: [{ id: 'k', text: 'K', column: 'vendor' }] }],
    };
    expect(latestBoardFigures(rubricOfK, {}, src).elementOrganisations.e).toBeNull();
    const counted = latestFigures('m', undefined, src);
    expect(counted).toMatchObject({ fromRound: 1, placed: 4 });
    expect(counted.summary.median).toBeNull();
  });
});

describe('a frozen summary read back', () => {
  it('gives the variance element roll-ups need, from r_wg', () => {
    const full = summarizeCard([0.1, 0.35, 0.5, 0.8]);
    const read = summaryFromFrozen(frozenSummary(full));
    expect(read?.summary.variance).toBeCloseTo(full.variance ?? Number.NaN, 9);
    expect(rollUpElement([read?.summary ?? full]).rwgJ).toBeCloseTo(
      rollUpElement([full]).rwgJ ?? 0,
      9,
    );
  });

  it('ignores what is not a summary', () => {
    expect(summaryFromFrozen(undefined)).toBeNull();
    expect(summaryFromFrozen({ n: 0 })).toBeNull();
    expect(summaryFromFrozen({ n: 'x' })).toBeNull();
    expect(summaryFromFrozen({ n: 3, median: 0.5, label: 'bogus' })?.summary.median).toBeNull();
  });
});

describe('latest figures of a board', () => {
  const rubric: Rubric = {
    id: 'r',
    title: 'R',
    elements: [
      {
        id: 'e',
        name: 'E',
        cards: [
          { id: 'k', text: 'K', column: 'vendor' },
          { id: 'm', text: 'M', column: 'vendor' },
        ],
      },
    ],
  };

  it('roll the elements and the board up from every card, placed again or not', () => {
    const stats = { k: now('k', {}), m: now('m', { a: 0.1, b: 0.2, c: 0.3 }) };
    const figures = latestBoardFigures(rubric, stats, source());
    expect(figures.cards.k?.fromRound).toBe(1);
    expect(figures.cards.m?.fromRound).toBeNull();
    const k = summarizeCard([0.2, 0.3, 0.4, 0.9]);
    const m = summarizeCard([0.1, 0.2, 0.3]);
    expect(figures.elements.e).toEqual(rollUpElement([k, m]));
    expect(figures.board.position).toBeCloseTo(((k.median ?? 0) + (m.median ?? 0)) / 2, 9);
    expect(figures.elementOrganisations.e?.[0]).toEqual({
      organisation: 'County',
      n: 2,
      median: 0.25,
    });
  });
});
