/** The timeline's compact entries (shared/timeline.ts): what is written, and what folds back. */
import { describe, expect, it } from 'vitest';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import { rollUpElement } from '../../../shared/consensus/rollUp.ts';
import {
  changedCards,
  elementSeries,
  momentAt,
  replayTimeline,
  TIMELINE_SCALE,
  type TimelineFigures,
} from '../../../shared/timeline.ts';
import { timelineEntrySchema } from '../../../shared/timelineSchema.ts';

const A: TimelineFigures = [500, 200, 760, 3];
const B: TimelineFigures = [600, 100, 900, 4];

describe('the timeline', () => {
  it('writes only the cards that changed, and null for a card no longer recorded', () => {
    const before = new Map([
      ['a', A],
      ['b', B],
    ]);
    expect(changedCards(before, new Map(before))).toEqual({});
    expect(changedCards(before, new Map([['a', B]]))).toEqual({ a: B, b: null });
    expect(changedCards(new Map(), before)).toEqual({ a: A, b: B });
  });

  it('folds entries back into whole moments, and finds the moment at any time', () => {
    const moments = replayTimeline([
      { at: 10, phase: 'placing', round: 1, cards: { a: A } },
      { at: 20, phase: 'revealed', round: 1, cards: { b: B } },
      { at: 30, phase: 'placing', round: 2, cards: { a: null, b: null } },
    ]);
    expect(moments.map((moment) => [...moment.cards.keys()])).toEqual([['a'], ['a', 'b'], []]);
    expect(momentAt(moments, 5)).toBeNull();
    expect(momentAt(moments, 25)?.phase).toBe('revealed');
    expect(momentAt(moments, 99)?.round).toBe(2);
  });

  it("gives an element the mean of its cards' medians and r_wg, which is the roll-up's r*wg(J)", () => {
    const cards = [
      [0.2, 0.3, 0.4],
      [0.6, 0.7, 0.9, 0.95],
    ].map((values) => summarizeCard(values));
    const figures = cards.map(
      (card): TimelineFigures => [
        Math.round((card.median ?? 0) * TIMELINE_SCALE),
        Math.round((card.iqr ?? 0) * TIMELINE_SCALE),
        Math.round((card.rwg ?? 0) * TIMELINE_SCALE),
        card.n,
      ],
    );
    const [moment] = replayTimeline([
      { at: 1, phase: 'revealed', round: 1, cards: { a: figures[0] ?? A, b: figures[1] ?? B } },
    ]);
    const [point] = elementSeries(moment ? [moment] : [], ['a', 'b', 'unplaced']);
    const rolled = rollUpElement(cards);
    expect(point?.position).toBeCloseTo(rolled.position ?? Number.NaN, 3);
    expect(point?.agreement).toBeCloseTo(rolled.rwgJ ?? Number.NaN, 3);
  });

  it('refuses an entry that is not one: unknown fields, figures off the scale, a bad phase', () => {
    const entry = { at: 1, phase: 'revealed', round: 1, cards: { a: A } };
    expect(timelineEntrySchema.safeParse(entry).success).toBe(true);
    expect(timelineEntrySchema.safeParse({ ...entry, who: 'Ana' }).success).toBe(false);
    expect(timelineEntrySchema.safeParse({ ...entry, cards: { a: [2000, 0, 0, 3] } }).success).toBe(
      false,
    );
    expect(timelineEntrySchema.safeParse({ ...entry, phase: 'lunch' }).success).toBe(false);
  });
});
