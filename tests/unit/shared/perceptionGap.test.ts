/** Organisation medians, the "too few to show" rule and perception gaps. */
import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../shared/boardDoc.ts';
import type { CountedPlacement } from '../../../shared/countedPlacements.ts';
import {
  elementOrganisationPositions,
  organisationPositions,
  perceptionGap,
  perceptionGapOrder,
} from '../../../shared/perceptionGap.ts';

const participants: Record<string, Participant> = {};
const placed: CountedPlacement[] = [];
function add(id: string, organisation: string | null, x: number) {
  participants[id] = {
    name: id,
    role: 'participant',
    color: '#000',
    joinedAt: 0,
    ...(organisation ? { organisation } : {}),
  };
  placed.push({ participantId: id, placement: { x, round: 1, at: 0 } });
}
add('a1', 'County', 0.2);
add('a2', 'County', 0.3);
add('a3', 'County', 0.4);
add('b1', 'Alliance', 0.7);
add('b2', 'Alliance', 0.9);
add('b3', 'Alliance', 0.8);
add('b4', 'Alliance', 0.6);
add('c1', 'School', 0.1);
add('c2', 'School', 0.9);
add('n1', null, 0.5);

describe('organisation positions', () => {
  const positions = organisationPositions(placed, participants, ['County', 'Alliance', 'School']);

  it('gives each organisation the median of its own placements', () => {
    expect(positions[0]).toEqual({ organisation: 'County', n: 3, median: 0.3 });
    expect(positions[1]?.median).toBeCloseTo(0.75, 9);
    expect(positions[1]?.n).toBe(4);
  });

  it('shows "too few" (no median) below three placements', () => {
    expect(positions[2]).toEqual({ organisation: 'School', n: 2, median: null });
  });

  it('measures the perception gap between the medians shown', () => {
    expect(perceptionGap(positions)).toBeCloseTo(0.45, 9);
    expect(perceptionGap(positions.slice(1))).toBeNull(); // one median: nothing to compare
  });

  it("rolls an element up as the mean of each organisation's card medians", () => {
    const card2 = [
      { organisation: 'County', n: 3, median: 0.5 },
      { organisation: 'Alliance', n: 2, median: null },
    ];
    const element = elementOrganisationPositions([positions, card2], ['County', 'Alliance']);
    expect(element[0]?.median).toBeCloseTo(0.4, 9);
    expect(element[0]?.n).toBe(2);
    expect(element[1]?.median).toBeCloseTo(0.75, 9);
    expect(perceptionGap(element)).toBeCloseTo(0.35, 9);
  });

  it('orders cards by the largest gap first, cards without a gap last', () => {
    expect(
      perceptionGapOrder([
        { cardId: 'a', gap: 0.1 },
        { cardId: 'b', gap: null },
        { cardId: 'c', gap: 0.5 },
        { cardId: 'd', gap: 0.1 },
      ]),
    ).toEqual(['c', 'a', 'd', 'b']);
  });
});
