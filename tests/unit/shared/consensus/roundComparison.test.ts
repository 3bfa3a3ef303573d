import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRounds } from '../../../../shared/consensus/roundComparison.ts';
import { expectFigure } from './figures.ts';

describe('compareRounds', () => {
  const round1 = [0.3, 0.45, 0.5, 0.62, 0.7, 0.2, 0.56, 0.4];
  const round2 = [0.42, 0.5, 0.52, 0.7, 0.69, 0.35, 0.6, 0.58];

  it('compares the reference rounds', () => {
    const comparison = compareRounds(round1, round2, { points: 7 });
    expectFigure(comparison.before.median, 0.475);
    expectFigure(comparison.after.median, 0.55);
    expectFigure(comparison.before.iqr, 0.2);
    expectFigure(comparison.after.iqr, 0.1425);
    expectFigure(comparison.before.rwg, 0.671907);
    expectFigure(comparison.after.rwg, 0.818971);
    expectFigure(comparison.medianChange, 0.075);
    expectFigure(comparison.iqrChange, 0.1425 - 0.2);
    expectFigure(comparison.rwgChange, 0.818971 - 0.671907);
    expect(comparison.wilcoxon).toMatchObject({ n: 8, wPlus: 35, wMinus: 1, exact: true });
    expectFigure(comparison.wilcoxon?.p ?? null, 0.015625);
  });

  it('gives the distribution change on the comparison grid and the moved share', () => {
    const comparison = compareRounds(round1, round2, { points: 7 });
    // Snapped to 7 points, two of the eight values change grid point.
    expectFigure(comparison.distributionChange, 0.25);
    expect(comparison.stable).toBe(false);
    expectFigure(comparison.movedShare, 1 / 8);
    expect(compareRounds(round1, round2)).toEqual(comparison);
  });

  it('pairs by participant and skips pairs with a missing or invalid value', () => {
    const comparison = compareRounds([0.3, null, 0.5, 0.6, 0.9], [0.4, 0.5, Number.NaN, 0.6]);
    expect(comparison.before.n).toBe(4);
    expect(comparison.after.n).toBe(3);
    expect(comparison.wilcoxon).toMatchObject({ n: 1, wPlus: 1, wMinus: 0, p: 1 });
    expectFigure(comparison.movedShare, 0);
  });

  it('summarizes on the board grid and compares on the comparison grid', () => {
    const comparison = compareRounds([0.1, 0.4], [0.9, 0.4], { points: 3, boardPoints: 5 });
    expect(comparison.before.median).toBe(0.25);
    expect(comparison.after.median).toBe(0.75);
    expectFigure(comparison.distributionChange, 0.5);
    expectFigure(comparison.movedShare, 1 / 2);
  });

  it('uses the normal approximation with tie correction when |differences| tie', () => {
    const comparison = compareRounds(
      [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.5, 0.4],
      [0.3, 0.4, 0.4, 0.7, 0.5, 0.9, 0.8, 0.45],
    );
    // Reference: scipy.stats.wilcoxon(..., zero_method='wilcox', correction=True) = R's wilcox.test.
    expect(comparison.wilcoxon).toMatchObject({ n: 7, wPlus: 25, wMinus: 3, exact: false });
    expectFigure(comparison.wilcoxon?.p ?? null, 0.073312);
  });

  it('has no Wilcoxon test when nobody moved and no change without data', () => {
    const unchanged = compareRounds([0.2, 0.5], [0.2, 0.5]);
    expect(unchanged.wilcoxon).toBeNull();
    expect(unchanged.stable).toBe(true);
    const empty = compareRounds([], []);
    expect(empty).toMatchObject({ medianChange: null, distributionChange: null, stable: null });
    expect(empty).toMatchObject({ movedShare: null, wilcoxon: null });
  });
});

describe('properties', () => {
  it('matches the exact Wilcoxon p of a full enumeration of sign assignments', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (signs) => {
        const before = signs.map(() => 0.5);
        const after = signs.map((up, i) => 0.5 + ((up ? 1 : -1) * (i + 1)) / 100);
        const result = compareRounds(before, after).wilcoxon;
        const n = signs.length;
        const centre = (n * (n + 1)) / 4;
        const observed = signs.reduce((w, up, i) => w + (up ? i + 1 : 0), 0);
        let extreme = 0;
        for (let mask = 0; mask < 2 ** n; mask++) {
          let w = 0;
          for (let rank = 1; rank <= n; rank++) if (mask & (1 << (rank - 1))) w += rank;
          if (Math.abs(w - centre) >= Math.abs(observed - centre)) extreme++;
        }
        expect(result).toMatchObject({ n, wPlus: observed, exact: true });
        expectFigure(result?.p ?? null, extreme / 2 ** n, 1e-12);
      }),
    );
  });
});
