/** What round a card is in, which record closed which round, and what a round freezes. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoardDoc, readControl, readRounds } from '../../../shared/boardDoc.ts';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import {
  cardRound,
  clampPlacedAt,
  closedRoundsOf,
  closingRecordIndexes,
  freezeRound,
  frozenRound,
  frozenSummary,
  isInOpenRound,
  roundStartedAt,
} from '../../../shared/rounds.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';

const closed = [{ cardIds: ['a', 'b'] }, { cardIds: ['b'] }, { cardIds: ['c', 'b'] }];

describe('rounds', () => {
  it("gives a card's round: 1 plus the closed rounds that listed it", () => {
    expect(cardRound('a', closed)).toBe(2);
    expect(cardRound('b', closed)).toBe(4);
    expect(cardRound('z', closed)).toBe(1);
    expect(closedRoundsOf('b', closed)).toEqual(closed);
    expect(closedRoundsOf('c', closed)).toEqual([closed[2]]);
  });

  it('finds the record that closed each round of each card', () => {
    const indexes = closingRecordIndexes(closed);
    expect(indexes.get('b')).toEqual([0, 1, 2]);
    expect(indexes.get('c')).toEqual([2]);
    expect(indexes.get('z')).toBeUndefined();
  });

  it('includes every card in a whole-board round, else only the listed ones', () => {
    expect(isInOpenRound('a', { roundCardIds: null })).toBe(true);
    expect(isInOpenRound('a', { roundCardIds: ['a'] })).toBe(true);
    expect(isInOpenRound('b', { roundCardIds: ['a'] })).toBe(false);
  });

  it('freezes the counted positions and the compared figures of each card', () => {
    const summary = summarizeCard([0.2, 0.4]);
    const placed = [
      { participantId: 'p', placement: { x: 0.2, round: 1, at: 0 } },
      { participantId: 'q', placement: { x: 0.4, round: 1, at: 0 } },
    ];
    const frozen = frozenRound(['a', 'gone'], (cardId) =>
      cardId === 'a' ? { placed, summary } : undefined,
    );
    expect(frozen).toEqual({
      positions: { p: { a: 0.2 }, q: { a: 0.4 } },
      summaries: { a: frozenSummary(summary) },
    });
  });

  it('closes a round in the document and opens the next on the same cards', () => {
    const doc = new Y.Doc();
    const board = { title: 'T', createdAt: 0, organisations: [], rubric: ELEMENTS_OF_PARTNERSHIP };
    initBoardDoc(doc, board, 'server');
    freezeRound(doc, ['a'], ['a', 'b'], () => undefined, 5, 'local');
    expect(readControl(doc)).toMatchObject({ round: 2, roundCardIds: ['a'], phase: 'placing' });
    freezeRound(doc, null, ['a', 'b'], () => undefined, 6, 'local');
    expect(readControl(doc)).toMatchObject({ round: 3, roundCardIds: null });
    expect(readRounds(doc).map((record) => [record.round, record.cardIds])).toEqual([
      [1, ['a']],
      [2, ['a', 'b']],
    ]);
  });
});

describe("a round's window for placement times", () => {
  const CREATED = 1_000_000;
  const timed = [
    { cardIds: ['a', 'b'], closedAt: 2_000_000 },
    { cardIds: ['b'], closedAt: 3_000_000 },
  ];

  it.each<[string, string, number, number]>([
    ["a card's first round: the board's creation", 'a', 1, CREATED],
    ['its second round: when the first closed', 'a', 2, 2_000_000],
    ['its third round: when the second closed', 'b', 3, 3_000_000],
    ['a card no round closed on', 'z', 1, CREATED],
    ['a round no record closed (a client claim): the creation', 'z', 5, CREATED],
  ])('starts %s', (_name, cardId, round, start) => {
    expect(roundStartedAt(cardId, round, timed, CREATED)).toBe(start);
  });

  const START = 2_000_000;
  const NOW = 9_000_000;
  it.each<[string, number, number]>([
    ['a time inside the window as it is', 5_000_000, 5_000_000],
    ['a time just before the start (a slow clock)', START - 30_000, START - 30_000],
    ['a time long before the start to the start minus a minute', START - 3_600_000, START - 60_000],
    ['a negative time likewise', -5, START - 60_000],
    ['a time a minute ahead (a fast clock) as it is', NOW + 60_000, NOW + 60_000],
    ['a time in the far future to now plus two minutes', 1e15, NOW + 120_000],
  ])('reads %s', (_name, at, shown) => {
    expect(clampPlacedAt(at, START, NOW)).toBe(shown);
  });

  it('keeps no time as no time', () => {
    expect(clampPlacedAt(Number.NaN, START, NOW)).toBeNaN();
  });
});
