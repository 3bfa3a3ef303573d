/**
 * How one card's positions changed between two rounds: both rounds' summaries, the change of
 * the centre, spread and distribution, the share of people who moved and the Wilcoxon test.
 * Pure.
 */
import { type CardSummary, summarizeCleaned } from './cardSummary.ts';
import { type CleanedValues, cleanWith } from './cleanValues.ts';
import { assertPoints, at, EPS, gridIndex, gridStep } from './scale.ts';
import { type WilcoxonResult, wilcoxonSignedRank } from './wilcoxon.ts';

export interface RoundComparisonOptions {
  /** Grid for `distributionChange` and the step of `movedShare`; default `boardPoints`, else 7. */
  points?: number;
  /** The board's own grid, used for the `before`/`after` summaries; continuous when absent. */
  boardPoints?: number;
}

export interface RoundComparison {
  before: CardSummary;
  after: CardSummary;
  medianChange: number | null;
  iqrChange: number | null;
  rwgChange: number | null;
  distributionChange: number | null;
  stable: boolean | null;
  movedShare: number | null;
  wilcoxon: WilcoxonResult | null;
}

/** Default comparison grid of `compareRounds` on a continuous board. */
const DEFAULT_COMPARISON_POINTS = 7;
/** Distributions this close (total variation) count as stable between rounds. */
const STABLE_DISTRIBUTION_CHANGE = 0.15;

/** after − before for each participant with a valid value in both rounds, in input order. */
function pairedDifferences(
  before: CleanedValues,
  beforeLength: number,
  after: CleanedValues,
): number[] {
  const byParticipant = new Float64Array(beforeLength).fill(Number.NaN);
  for (let i = 0; i < before.values.length; i++) {
    byParticipant[at(before.indexes, i)] = at(before.values, i);
  }
  const differences: number[] = [];
  for (let i = 0; i < after.values.length; i++) {
    const participant = at(after.indexes, i);
    if (participant < beforeLength && !Number.isNaN(at(byParticipant, participant))) {
      differences.push(at(after.values, i) - at(byParticipant, participant));
    }
  }
  return differences;
}

function snappedCounts(values: readonly number[], points: number): Float64Array {
  const counts = new Float64Array(points);
  for (const x of values) {
    const k = gridIndex(x, points);
    counts[k] = at(counts, k) + 1;
  }
  return counts;
}

/** Half the sum of absolute changes of the snapped relative frequencies (total variation). */
function distributionChange(
  before: readonly number[],
  after: readonly number[],
  points: number,
): number | null {
  if (before.length === 0 || after.length === 0) return null;
  const from = snappedCounts(before, points);
  const to = snappedCounts(after, points);
  let sum = 0;
  for (let k = 0; k < points; k++) {
    sum += Math.abs(at(to, k) / after.length - at(from, k) / before.length);
  }
  return sum / 2;
}

function change(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}

/**
 * Compares two rounds of one card; before[i] and after[i] are the same participant. The summaries
 * use every valid value of each round on the board's scale; Wilcoxon and movedShare use the pairs.
 */
export function compareRounds(
  before: readonly unknown[],
  after: readonly unknown[],
  opts: RoundComparisonOptions = {},
): RoundComparison {
  const points = opts.points ?? opts.boardPoints ?? DEFAULT_COMPARISON_POINTS;
  assertPoints(points);
  const cleanBefore = cleanWith(before, opts.boardPoints);
  const cleanAfter = cleanWith(after, opts.boardPoints);
  const beforeSummary = summarizeCleaned(cleanBefore, opts.boardPoints);
  const afterSummary = summarizeCleaned(cleanAfter, opts.boardPoints);
  const differences = pairedDifferences(cleanBefore, before.length, cleanAfter);
  const step = gridStep(points);
  const moved = differences.filter((d) => Math.abs(d) > step + EPS).length;
  const distribution = distributionChange(cleanBefore.values, cleanAfter.values, points);
  return {
    before: beforeSummary,
    after: afterSummary,
    medianChange: change(beforeSummary.median, afterSummary.median),
    iqrChange: change(beforeSummary.iqr, afterSummary.iqr),
    rwgChange: change(beforeSummary.rwg, afterSummary.rwg),
    distributionChange: distribution,
    stable: distribution === null ? null : distribution <= STABLE_DISTRIBUTION_CHANGE + EPS,
    movedShare: differences.length === 0 ? null : moved / differences.length,
    wilcoxon: wilcoxonSignedRank(differences),
  };
}
