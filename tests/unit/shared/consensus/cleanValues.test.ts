import { describe, expect, it } from 'vitest';
import { cleanValues } from '../../../../shared/consensus/cleanValues.ts';

describe('cleanValues', () => {
  it('skips missing and invalid values and clamps values just outside [0,1]', () => {
    const cleaned = cleanValues([
      0.3,
      null,
      Number.NaN,
      1.0000001,
      -0.2,
      0.5,
      Infinity,
      0.6,
      -4e-7,
    ]);
    expect(cleaned).toMatchObject({ values: [0.3, 1, 0.5, 0.6, 0], missing: 1, invalid: 3 });
    expect(cleaned.clamped).toBe(2);
    expect(cleaned.indexes).toEqual([0, 3, 5, 7, 8]);
  });

  it('counts non-numbers as invalid and snaps on a grid', () => {
    const cleaned = cleanValues(['0.5', true, undefined, 0.12, 0.13], { points: 5 });
    expect(cleaned).toMatchObject({ values: [0, 0.25], missing: 1, invalid: 2, clamped: 0 });
  });
});
