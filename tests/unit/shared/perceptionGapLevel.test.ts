/** A perception gap's size in words: small, notable or large. */
import { describe, expect, it } from 'vitest';
import { LARGE_GAP, NOTABLE_GAP, perceptionGapLevel } from '../../../shared/perceptionGapLevel.ts';

describe('perceptionGapLevel', () => {
  it('reads a few points as small, not as an alarm', () => {
    expect(perceptionGapLevel(0)).toBe('small');
    expect(perceptionGapLevel(0.02)).toBe('small');
    expect(perceptionGapLevel(0.099)).toBe('small');
  });

  it('reads 10 to 25 points as notable', () => {
    expect(perceptionGapLevel(NOTABLE_GAP)).toBe('notable');
    expect(perceptionGapLevel(0.18)).toBe('notable');
  });

  it('reads a quarter of the axis and more as large', () => {
    expect(perceptionGapLevel(LARGE_GAP)).toBe('large');
    expect(perceptionGapLevel(0.4)).toBe('large');
    expect(perceptionGapLevel(1)).toBe('large');
  });
});
