/** The weighted median of positions. Pure. */
import { at, EPS } from './scale.ts';

/**
 * Weighted median: the smallest value whose cumulative weight passes half the total; when the
 * cumulative weight hits exactly half, the midpoint with the next value of positive weight.
 * Null when the total weight is 0.
 */
export function weightedMedian(
  values: readonly number[],
  weights: readonly number[],
): number | null {
  if (values.length !== weights.length) {
    throw new RangeError('weightedMedian: values and weights differ in length');
  }
  const order: number[] = [];
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const weight = at(weights, i);
    if (!Number.isFinite(at(values, i)) || !(weight >= 0 && Number.isFinite(weight))) {
      throw new RangeError('weightedMedian: values must be finite and weights finite and ≥ 0');
    }
    if (weight > 0) order.push(i);
    total += weight;
  }
  order.sort((a, b) => at(values, a) - at(values, b));
  const half = total / 2;
  let cumulative = 0;
  for (let k = 0; k < order.length; k++) {
    const i = at(order, k);
    cumulative += at(weights, i);
    if (Math.abs(cumulative - half) <= EPS * total && k + 1 < order.length) {
      return (at(values, i) + at(values, at(order, k + 1))) / 2;
    }
    if (cumulative >= half - EPS * total) return at(values, i);
  }
  return null;
}
