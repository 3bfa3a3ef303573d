/** Who sees the distribution when: a silent round, the peek, and the three-placement rule. */
import { describe, expect, it } from 'vitest';
import { PHASES, ROLES } from '../../../shared/boardDoc.ts';
import { distributionVisible, groupVisible, reasonsVisible } from '../../../shared/visibility.ts';

describe('distribution visibility', () => {
  it.each(
    PHASES.flatMap((phase) =>
      ROLES.flatMap((role) => [true, false].map((peek) => ({ phase, role, peek }))),
    ),
  )('$phase / $role / peek $peek', ({ phase, role, peek }) => {
    const silent = phase === 'setup' || phase === 'placing';
    expect(distributionVisible(phase, role, peek)).toBe(
      !silent || (role === 'facilitator' && peek),
    );
  });

  it('hides the dots of fewer than three placements from the room, not from the facilitator', () => {
    expect(groupVisible(2, 'participant')).toBe(false);
    expect(groupVisible(2, 'observer')).toBe(false);
    expect(groupVisible(3, 'participant')).toBe(true);
    expect(groupVisible(1, 'facilitator')).toBe(true);
  });

  it('shows reasons while revealed and discussing only', () => {
    expect(PHASES.filter(reasonsVisible)).toEqual(['revealed', 'discussing']);
  });
});
