/** Who counts on a card, and how a card compares with its previous round. */
import { describe, expect, it } from 'vitest';
import type { Participant, Placement, RoundRecord } from '../../../shared/boardDoc.ts';
import { cardStats, elementSummaries } from '../../../shared/boardStats.ts';
import { summarizeCard } from '../../../shared/consensus/cardSummary.ts';
import { countedParticipantIds, countedPlacements } from '../../../shared/countedPlacements.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';

const person = (role: Participant['role'], extra: Partial<Participant> = {}): Participant => ({
  name: 'x',
  role,
  color: '#000',
  joinedAt: 0,
  ...extra,
});
const at = (x: number, round = 1, reason?: string): Placement => ({
  x,
  round,
  at: 0,
  ...(reason ? { reason } : {}),
});

const participants: Record<string, Participant> = {
  a: person('participant'),
  b: person('participant'),
  c: person('participant', { proxy: true }),
  gone: person('participant', { removed: true }),
  f: person('facilitator'),
  o: person('observer'),
};

describe('who counts', () => {
  it('counts participants and proxies, never the facilitator, observers or removed people', () => {
    expect(countedParticipantIds(participants).sort()).toEqual(['a', 'b', 'c']);
    const placed = countedPlacements(
      { a: at(0.1), c: at(0.3), gone: at(0.9), f: at(0.5), o: at(0.5), stranger: at(0.2) },
      participants,
      1,
    );
    expect(placed.map((entry) => entry.participantId)).toEqual(['a', 'c']);
  });

  it("counts only placements written in the card's current round", () => {
    const placed = countedPlacements({ a: at(0.1, 1), b: at(0.4, 2) }, participants, 2);
    expect(placed.map((entry) => entry.participantId)).toEqual(['b']);
  });
});

describe('card statistics', () => {
  it("summarizes the counted values of the card's round", () => {
    const stats = cardStats('trust.v1', { a: at(0.2), b: at(0.4), gone: at(1) }, participants, []);
    expect(stats.round).toBe(1);
    expect(stats.summary).toEqual(summarizeCard([0.2, 0.4]));
    expect(stats.change).toBeNull();
  });

  it('compares with the previous round participant by participant', () => {
    const rounds: RoundRecord[] = [
      {
        round: 1,
        cardIds: ['trust.v1'],
        closedAt: 1,
        positions: { a: { 'trust.v1': 0.1 }, b: { 'trust.v1': 0.9 }, c: { 'trust.v1': 0.5 } },
        summaries: {},
      },
    ];
    const stats = cardStats(
      'trust.v1',
      { a: at(0.4, 2), b: at(0.6, 2), c: at(0.1, 1) },
      participants,
      rounds,
    );
    expect(stats.round).toBe(2);
    expect(stats.placed.map((entry) => entry.participantId)).toEqual(['a', 'b']);
    expect(stats.change?.before.median).toBeCloseTo(0.5, 9);
    expect(stats.change?.after.median).toBeCloseTo(0.5, 9);
    expect(stats.change?.before.n).toBe(3);
    expect(stats.change?.after.n).toBe(2);
    expect(stats.change?.rwgChange).toBeGreaterThan(0); // the group moved together
  });

  it('rolls elements up from card summaries already computed', () => {
    const summaries = new Map([
      ['trust.v1', summarizeCard([0.7, 0.75, 0.8, 0.72, 0.78])],
      ['trust.v2', summarizeCard([0.6, 0.65, null, 0.7, 0.55])],
      ['trust.v3', summarizeCard([0.9, 0.85, 0.95, 0.8, 0.9])],
    ]);
    const elements = elementSummaries(ELEMENTS_OF_PARTNERSHIP, (id) => summaries.get(id));
    expect(elements.trust?.position).toBeCloseTo(0.758333, 6);
    expect(elements.trust?.rwgJ).toBeCloseTo(0.963533, 6);
    expect(elements.values?.position).toBeNull();
  });
});
