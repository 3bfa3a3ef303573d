import { describe, expect, it } from 'vitest';
import { phaseConfirmation } from '../../../client/board/phaseConfirmation.ts';

describe('phaseConfirmation', () => {
  it('asks before the placements first reach the room', () => {
    expect(phaseConfirmation('placing', 'revealed')?.confirm).toBe('Reveal to the room');
    expect(phaseConfirmation('setup', 'discussing')?.question).toMatch(/cannot be undone/);
  });

  it('asks before locking, from any phase', () => {
    for (const from of ['setup', 'placing', 'revealed', 'discussing'] as const) {
      expect(phaseConfirmation(from, 'final')?.confirm).toBe('Lock the board');
    }
  });

  it('acts at once when nothing new is shown or locked', () => {
    expect(phaseConfirmation('revealed', 'discussing')).toBe(null);
    expect(phaseConfirmation('discussing', 'revealed')).toBe(null);
    expect(phaseConfirmation('final', 'discussing')).toBe(null);
    expect(phaseConfirmation('revealed', 'placing')).toBe(null);
    expect(phaseConfirmation('setup', 'placing')).toBe(null);
  });
});
