/**
 * Which raw positions a figure is computed over: every figure uses the cleaned (clamped and, on
 * a grid, snapped) values, never the raw input. Pure.
 */
import { assertPoints, type ConsensusOptions, snap } from './scale.ts';

export interface CleanedValues {
  values: number[];
  /** For each kept value, its index in the caller's input array. */
  indexes: number[];
  missing: number;
  invalid: number;
  clamped: number;
}

/** Values this far outside [0,1] are clamped to the bound; further out they are invalid. */
const RANGE_SLACK = 1e-6;

function isAcceptable(x: unknown): x is number {
  return typeof x === 'number' && x >= -RANGE_SLACK && x <= 1 + RANGE_SLACK;
}

/** Clamps to [0,1]; also turns −0 into 0. */
function clampToUnit(x: number): number {
  return x <= 0 ? 0 : Math.min(x, 1);
}

/** `cleanValues` with the grid given directly (the round comparison cleans on the board's). */
export function cleanWith(raw: readonly unknown[], points: number | undefined): CleanedValues {
  assertPoints(points);
  const cleaned: CleanedValues = { values: [], indexes: [], missing: 0, invalid: 0, clamped: 0 };
  for (let i = 0; i < raw.length; i++) {
    const x = raw[i];
    if (x === null || x === undefined) {
      cleaned.missing++;
    } else if (!isAcceptable(x)) {
      cleaned.invalid++; // NaN and ±Infinity fail both range comparisons
    } else {
      const bounded = clampToUnit(x);
      if (bounded !== x) cleaned.clamped++;
      cleaned.values.push(points === undefined ? bounded : snap(bounded, points));
      cleaned.indexes.push(i);
    }
  }
  return cleaned;
}

/**
 * Drops null/undefined (`missing`), non-numbers, NaN, ±Infinity and values outside
 * [−1e−6, 1 + 1e−6] (`invalid`); clamps the rest into [0,1] (`clamped`) and snaps them to the grid.
 */
export function cleanValues(raw: readonly unknown[], opts: ConsensusOptions = {}): CleanedValues {
  return cleanWith(raw, opts.points);
}
