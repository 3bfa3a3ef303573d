/**
 * The scale consensus figures are computed on: positions in [0,1], continuous or on a grid of A
 * points, the tolerance of every threshold comparison, and the grid arithmetic. Pure.
 */

export interface ConsensusOptions {
  /** Grid of A ≥ 2 points on [0,1]; continuous when absent. */
  points?: number;
}

/** Tolerance of every threshold comparison. */
export const EPS = 1e-9;
/** One step on a continuous board: that of a 7-point scale, whose points are 1/6 apart. */
export const CONTINUOUS_STEP = 1 / 6;

/** In-bounds read from an array-like (callers guarantee 0 ≤ i < length). */
export function at(xs: ArrayLike<number>, i: number): number {
  return xs[i] as number;
}

export function assertPoints(points: number | undefined): void {
  if (points !== undefined && !(Number.isInteger(points) && points >= 2)) {
    throw new RangeError(`points must be an integer ≥ 2, got ${points}`);
  }
}

export function gridStep(points: number | undefined): number {
  return points === undefined ? CONTINUOUS_STEP : 1 / (points - 1);
}

/**
 * Variance of the uniform null distribution on the [0,1] scale (James, Demaree & Wolf 1984):
 * 1/12 when continuous, (A² − 1)/12 in steps, i.e. (A + 1)/(12(A − 1)), for A points.
 */
export function uniformNullVariance(points: number | undefined): number {
  return points === undefined ? 1 / 12 : (points + 1) / (12 * (points - 1));
}

/** Grid point of x: k = ⌊x(A − 1) + 0.5⌋. */
export function gridIndex(x: number, points: number): number {
  return Math.floor(x * (points - 1) + 0.5);
}

/** x′ = k/(A − 1). */
export function snap(x: number, points: number): number {
  return gridIndex(x, points) / (points - 1);
}
