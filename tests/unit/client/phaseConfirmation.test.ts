import { describe, expect, it } from 'vitest';
import { phaseConfirmation } from '../../../client/board/phaseConfirmation.ts';
import { translator } from '../../../shared/i18n/translator.ts';

const { t } = translator('en');

describe('phaseConfirmation', () => {
  it('asks before the placements first reach the room', () => {
    const reveal = phaseConfirmation('placing', 'revealed');
    expect(reveal && t(reveal.confirm)).toBe('Reveal to the room');
    const discuss = phaseConfirmation('setup', 'discussing');
    expect(discuss && t(discuss.question)).toMatch(/cannot be undone/);
    expect(discuss && t(discuss.confirm)).toBe('Reveal and discuss');
  });

  it('asks before locking, from any phase', () => {
    for (const from of ['setup', 'placing', 'revealed', 'discussing'] as const) {
      const lock = phaseConfirmation(from, 'final');
      expect(lock && t(lock.confirm)).toBe('Lock the board');
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
