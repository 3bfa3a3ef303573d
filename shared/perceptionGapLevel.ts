/**
 * How large a perception gap (the spread between partner organisations' medians, 0–1) reads: a
 * gap of a few points is noise from a handful of people, not an alarm. The level is said in words
 * as well as colour, so it does not rest on colour alone.
 */

/** Below 10 points the organisations see the card alike: neutral. */
export const NOTABLE_GAP = 0.1;
/** From 25 points (a quarter of the axis) the organisations see it differently: worth raising. */
export const LARGE_GAP = 0.25;

export type PerceptionGapLevel = 'small' | 'notable' | 'large';

export function perceptionGapLevel(gap: number): PerceptionGapLevel {
  if (gap >= LARGE_GAP) return 'large';
  if (gap >= NOTABLE_GAP) return 'notable';
  return 'small';
}
