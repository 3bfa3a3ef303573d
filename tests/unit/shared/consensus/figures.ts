/** Comparing figures within a tolerance, and deterministic positions, for the consensus tests. */
import { expect } from 'vitest';

const TOLERANCE = 1e-6;

export function expectFigure(
  actual: number | null,
  expected: number | null,
  tolerance = TOLERANCE,
): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(tolerance);
}

/** Deterministic pseudo-random positions (a linear congruential generator). */
export function positions(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  });
}
