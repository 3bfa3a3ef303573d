/**
 * A baseline (the last retreat): what is kept of an earlier board's snapshot, how its cards are
 * matched to the board's, and then-and-now with its "large move" flag.
 */
import { describe, expect, it } from 'vitest';
import { baselineFromSnapshot } from '../../../shared/baselineFromSnapshot.ts';
import {
  baselineReport,
  invalidMatch,
  matchBaseline,
  matchedBaselineCards,
} from '../../../shared/baselineMatching.ts';
import {
  orderByChange,
  rollUpSince,
  sinceBaseline,
} from '../../../shared/consensus/sinceBaseline.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';
import { parseSnapshot } from '../../../shared/snapshot/parse.ts';
import {
  BASELINE_AGREED,
  BASELINE_MEDIAN,
  BASELINE_SECRET_NAME,
  BASELINE_SECRET_REASON,
  baselineSnapshot,
  OLD_REWORDED_CARD,
  RENAMED_CARD,
  REWORDED_CARD,
} from '../../support/baselineSnapshot.ts';

function parsedBaseline() {
  const parsed = parseSnapshot(baselineSnapshot());
  if (!parsed.ok) throw new Error(parsed.error);
  return baselineFromSnapshot(parsed.snapshot);
}

describe('a baseline from a snapshot', () => {
  it('keeps per-card figures and the agreed position, never a name, reason or organisation', () => {
    const baseline = parsedBaseline();
    const text = JSON.stringify(baseline);
    expect(text).not.toContain(BASELINE_SECRET_NAME);
    expect(text).not.toContain(BASELINE_SECRET_REASON);
    expect(text).not.toContain('County');
    const trust = baseline.cards.find((card) => card.id === 'trust.v1');
    expect(trust).toMatchObject({ n: 4, median: BASELINE_MEDIAN, agreed: null });
    expect(trust?.rwg).not.toBeNull();
    expect(baseline.cards.find((card) => card.id === RENAMED_CARD)?.agreed).toBe(BASELINE_AGREED);
    expect(baseline).toMatchObject({
      title: 'Autumn retreat',
      exportedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('keeps the latest round with a figure when the last one was opened and left unplaced', () => {
    const parsed = parseSnapshot(baselineSnapshot({ reopened: true }));
    if (!parsed.ok) throw new Error(parsed.error);
    const trust = baselineFromSnapshot(parsed.snapshot).cards.find((c) => c.id === 'trust.v1');
    expect(trust).toMatchObject({ n: 4, median: BASELINE_MEDIAN });
  });

  it('keeps no figure of fewer than three placements', () => {
    const card = parsedBaseline().cards.find((entry) => entry.id === 'trust.p1');
    expect(card).toMatchObject({ n: 2, median: null, q1: null, q3: null, iqr: null, rwg: null });
  });
});

describe('matching against a baseline', () => {
  const board = [
    { id: 'a', texts: { en: 'Same id' } },
    { id: 'b', texts: { en: 'Shared words', es: 'Palabras' } },
    { id: 'c', texts: { en: 'New here', es: 'Nuevo aquí' } },
    { id: 'd', texts: { en: 'Only in Spanish the same', es: 'Igual en español' } },
  ];
  const earlier = [
    { id: 'a', texts: { en: 'Other words entirely' } },
    { id: 'x', texts: { en: '  Shared   words ' } },
    { id: 'y', texts: { en: 'Something else' } },
    { id: 'z', texts: { fr: 'Igual en español', es: 'Igual en español' } },
  ];

  it('matches by id first, then by the same text in the same language', () => {
    expect(Object.fromEntries(matchBaseline(board, earlier))).toEqual({ a: 'a', b: 'x', d: 'z' });
  });

  it('lets the facilitator match the rest by hand, and unmatch, and wins over the rest', () => {
    const matches = matchBaseline(board, earlier, { c: 'y', a: null, b: 'a' });
    expect(Object.fromEntries(matches)).toEqual({ c: 'y', b: 'a', d: 'z' });
  });

  it('pairs cards numbered by place by their words, not their ids, when a card was added at the top', () => {
    const lastYear = [
      { id: 'e.p1', texts: { en: 'We share data' } },
      { id: 'e.p2', texts: { en: 'We meet monthly' } },
    ];
    const thisYear = [
      { id: 'e.p1', texts: { en: 'We co-design services' } },
      { id: 'e.p2', texts: { en: 'We share data' } },
      { id: 'e.p3', texts: { en: 'We meet monthly' } },
    ];
    expect(Object.fromEntries(matchBaseline(thisYear, lastYear))).toEqual({
      'e.p2': 'e.p1',
      'e.p3': 'e.p2',
    });
    // A card reworded on this board still matches by its id, its earlier words first.
    const reworded = [
      { id: 'e.p1', texts: { en: 'We share all our data' }, earlier: [{ en: 'We share data' }] },
    ];
    expect(Object.fromEntries(matchBaseline(reworded, lastYear))).toEqual({ 'e.p1': 'e.p1' });
  });

  it('never matches one baseline card twice', () => {
    const twins = [
      { id: 'p', texts: { en: 'Twin' } },
      { id: 'q', texts: { en: 'Twin' } },
    ];
    expect(
      Object.fromEntries(matchBaseline(twins, [{ id: 'old', texts: { en: 'Twin' } }])),
    ).toEqual({
      p: 'old',
    });
  });

  it('on the seed board: by id, by text for the renamed card, the reworded one left to the facilitator', () => {
    const baseline = parsedBaseline();
    const report = baselineReport(ELEMENTS_OF_PARTNERSHIP, baseline);
    expect(report.matches['trust.v1']).toBe('trust.v1');
    expect(report.matches['trust.v2']).toBe(RENAMED_CARD);
    expect(report.unmatchedBoardCards).toEqual([REWORDED_CARD]);
    expect(report.unmatchedBaselineCards).toEqual([OLD_REWORDED_CARD]);
    const byHand = { ...baseline, manualMatches: { [REWORDED_CARD]: OLD_REWORDED_CARD } };
    expect(matchedBaselineCards(ELEMENTS_OF_PARTNERSHIP, byHand).get(REWORDED_CARD)?.id).toBe(
      OLD_REWORDED_CARD,
    );
  });

  it('refuses hand matches to cards that are not there, or one baseline card twice', () => {
    const baseline = parsedBaseline();
    expect(invalidMatch(ELEMENTS_OF_PARTNERSHIP, baseline, { nope: 'trust.v1' })?.field).toBe(
      'matches.nope',
    );
    expect(invalidMatch(ELEMENTS_OF_PARTNERSHIP, baseline, { 'trust.v1': 'nope' })).not.toBeNull();
    expect(
      invalidMatch(ELEMENTS_OF_PARTNERSHIP, baseline, {
        'trust.v1': 'trust.v1',
        'trust.v2': 'trust.v1',
      }),
    ).not.toBeNull();
    expect(invalidMatch(ELEMENTS_OF_PARTNERSHIP, baseline, { 'trust.v1': null })).toBeNull();
  });
});

describe('then and now', () => {
  it('takes the agreed position then over the median, and flags a move over half the IQR', () => {
    const then = { median: 0.3, rwg: 0.8, agreed: 0.5 };
    expect(sinceBaseline(then, { median: 0.6, iqr: 0.3 })).toEqual({
      earlier: 0.5,
      now: 0.6,
      change: expect.closeTo(0.1, 10),
      large: false,
      iqr: 0.3,
    });
    expect(sinceBaseline({ ...then, agreed: null }, { median: 0.6, iqr: 0.3 })?.large).toBe(true);
    expect(
      sinceBaseline({ ...then, agreed: null, median: null }, { median: 0.6, iqr: 0 }),
    ).toBeNull();
    expect(sinceBaseline(then, { median: null, iqr: null })).toEqual({
      earlier: 0.5,
      now: null,
      change: null,
      large: false,
      iqr: null,
    });
  });

  it('rolls up over the cards that have both, and orders by the size of the move', () => {
    const a = { earlier: 0.2, now: 0.6, change: 0.4, large: true, iqr: 0.2 };
    const b = { earlier: 0.5, now: 0.4, change: -0.1, large: false, iqr: 0.4 };
    // The element moved 15 points on average, against a mean IQR of 30: exactly half, not more.
    expect(rollUpSince([a, b, null])).toEqual({
      earlier: expect.closeTo(0.35, 10),
      now: expect.closeTo(0.5, 10),
      change: expect.closeTo(0.15, 10),
      iqr: expect.closeTo(0.3, 10),
      large: false,
    });
    // With a tighter group the same move is large, for the element and for the board above it.
    const tight = rollUpSince([
      { ...a, iqr: 0.1 },
      { ...b, iqr: 0.1 },
    ]);
    expect(tight?.large).toBe(true);
    expect(rollUpSince([tight])?.large).toBe(true);
    expect(
      orderByChange([
        { cardId: 'b', since: b },
        { cardId: 'none', since: null },
        { cardId: 'a', since: a },
      ]),
    ).toEqual(['a', 'b', 'none']);
  });
});
