/**
 * Consensus figures for positions on a continuum. Positions are numbers in [0,1]; a board may
 * declare a grid of A points (`points`), else it is continuous. Pure: no I/O, no dependencies.
 * Every figure is computed over the cleaned (clamped and, on a grid, snapped) values, and every
 * sum runs over the sorted values, so a figure never depends on the order of the input.
 */

export type ConsensusLabel = 'no-data' | 'single' | 'polarized' | 'strong' | 'moderate' | 'weak';

export interface ConsensusOptions {
  /** Grid of A ≥ 2 points on [0,1]; continuous when absent. */
  points?: number;
}

export interface RoundComparisonOptions {
  /** Grid for `distributionChange` and the step of `movedShare`; default `boardPoints`, else 7. */
  points?: number;
  /** The board's own grid, used for the `before`/`after` summaries; continuous when absent. */
  boardPoints?: number;
}

export interface CleanedValues {
  values: number[];
  /** For each kept value, its index in the caller's input array. */
  indexes: number[];
  missing: number;
  invalid: number;
  clamped: number;
}

export interface Camp {
  count: number;
  mean: number;
}

export interface CardSummary {
  n: number;
  missing: number;
  invalid: number;
  clamped: number;
  median: number | null;
  mean: number | null;
  trimmedMean: number | null;
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  /** Sample variance (n − 1); carried so that element roll-ups need no raw values. */
  variance: number | null;
  rwg: number | null;
  rwgDisplay: number | null;
  adMd: number | null;
  cns: number | null;
  withinBand: number | null;
  delphiConsensus: boolean | null;
  gvf: number | null;
  polarized: boolean | null;
  /** The two groups of the optimal two-group split (n ≥ 4, values not all identical). */
  camps: { low: Camp; high: Camp } | null;
  bimodality: number | null;
  /** Whether `bimodality` may be shown (as information only): n ≥ 10. */
  bimodalityShown: boolean;
  /** Indexes into the caller's input array. */
  outliers: number[];
  label: ConsensusLabel;
}

export interface ElementSummary {
  position: number | null;
  rwgJ: number | null;
  adJ: number | null;
  polarizedCount: number;
}

export interface BoardSummary {
  position: number | null;
  rwg: number | null;
}

export interface WilcoxonResult {
  /** Number of non-zero paired differences. */
  n: number;
  wPlus: number;
  wMinus: number;
  p: number;
  /** True for the exact null distribution, false for the normal approximation. */
  exact: boolean;
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

/** Tolerance of every threshold comparison. */
const EPS = 1e-9;
/** Values this far outside [0,1] are clamped to the bound; further out they are invalid. */
const RANGE_SLACK = 1e-6;
/** One step on a continuous board: that of a 7-point scale, whose points are 1/6 apart. */
const CONTINUOUS_STEP = 1 / 6;
/** Default comparison grid of `compareRounds` on a continuous board. */
const DEFAULT_COMPARISON_POINTS = 7;
/** rwg thresholds of the labels (LeBreton & Senter 2008: > .70 strong, > .50 moderate). */
const STRONG_RWG = 0.7;
const MODERATE_RWG = 0.5;
/** Delphi consensus: at least 75% within one step of the median (von der Gracht 2012). */
const DELPHI_BAND_SHARE = 0.75;
/** Polarization: camp means this far apart and this share of SST between camps. */
const POLARIZED_MEAN_GAP = 0.4;
const POLARIZED_GVF = 0.8;
/** Modified z-score (Iglewicz & Hoaglin 1993): 0.6745 = Φ⁻¹(0.75), flagged when |z| > 3.5. */
const MAD_CONSISTENCY = 0.6745;
const OUTLIER_Z = 3.5;
/** MAD = 0 fallback (IBM SPSS): a normal's mean absolute deviation is σ√(2/π); √(π/2). */
const MEAN_AD_CONSISTENCY = 1.253314;
/** An outlier must also lie this far from the median on the [0,1] scale. */
const OUTLIER_MIN_DISTANCE = 0.25;
/** Distributions this close (total variation) count as stable between rounds. */
const STABLE_DISTRIBUTION_CHANGE = 0.15;
/** The exact Wilcoxon distribution is used for n below this, as in R's wilcox.test. */
const EXACT_WILCOXON_LIMIT = 50;

/** In-bounds read from an array-like (callers guarantee 0 ≤ i < length). */
function at(xs: ArrayLike<number>, i: number): number {
  return xs[i] as number;
}

function assertPoints(points: number | undefined): void {
  if (points !== undefined && !(Number.isInteger(points) && points >= 2)) {
    throw new RangeError(`points must be an integer ≥ 2, got ${points}`);
  }
}

function gridStep(points: number | undefined): number {
  return points === undefined ? CONTINUOUS_STEP : 1 / (points - 1);
}

/**
 * Variance of the uniform null distribution on the [0,1] scale (James, Demaree & Wolf 1984):
 * 1/12 when continuous, (A² − 1)/12 in steps, i.e. (A + 1)/(12(A − 1)), for A points.
 */
function uniformNullVariance(points: number | undefined): number {
  return points === undefined ? 1 / 12 : (points + 1) / (12 * (points - 1));
}

/** Grid point of x: k = ⌊x(A − 1) + 0.5⌋. */
function gridIndex(x: number, points: number): number {
  return Math.floor(x * (points - 1) + 0.5);
}

/** x′ = k/(A − 1). */
function snap(x: number, points: number): number {
  return gridIndex(x, points) / (points - 1);
}

function isAcceptable(x: unknown): x is number {
  return typeof x === 'number' && x >= -RANGE_SLACK && x <= 1 + RANGE_SLACK;
}

/** Clamps to [0,1]; also turns −0 into 0. */
function clampToUnit(x: number): number {
  return x <= 0 ? 0 : Math.min(x, 1);
}

function cleanWith(raw: readonly unknown[], points: number | undefined): CleanedValues {
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

/** Quantile by Hyndman & Fan (1996) type 7, the default of R and numpy. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = at(sorted, lo);
  return lo + 1 < sorted.length ? below + (h - lo) * (at(sorted, lo + 1) - below) : below;
}

/** Mean of sorted[from, to), kept within the range of those values despite rounding. */
function meanOfRange(sorted: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += at(sorted, i);
  return Math.min(Math.max(sum / (to - from), at(sorted, from)), at(sorted, to - 1));
}

/** 20% trimmed mean: drops ⌊0.2n⌋ values from each end (Wilcox 2012). */
function trimmedMean(sorted: Float64Array): number {
  const trim = Math.floor(sorted.length / 5);
  return meanOfRange(sorted, trim, sorted.length - trim);
}

function sumOfSquaredDeviations(sorted: Float64Array, centre: number): number {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    const d = at(sorted, i) - centre;
    sum += d * d;
  }
  return sum;
}

/** AD_Md = (1/n)Σ|xᵢ − x̃| (Burke, Finkelstein & Dusig 1999). */
function meanAbsoluteDeviation(sorted: Float64Array, centre: number): number {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += Math.abs(at(sorted, i) - centre);
  return sum / sorted.length;
}

/** Cns = 1 + (1/n)Σ log₂(1 − |xᵢ − x̄|/width), width 1 (Tastle & Wierman 2007). */
function tastleWiermanConsensus(sorted: Float64Array, mean: number): number {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += Math.log2(1 - Math.abs(at(sorted, i) - mean));
  return Math.max(0, 1 + sum / sorted.length);
}

/** Share of values within ±1 step of the median (Delphi percent agreement). */
function withinBandShare(sorted: Float64Array, median: number, step: number): number {
  let inside = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (Math.abs(at(sorted, i) - median) <= step + EPS) inside++;
  }
  return inside / sorted.length;
}

/**
 * Median of |xᵢ − x̃| in O(n): the deviations fall to the left of the median and rise to the
 * right of it, so merging outward from the median visits them in ascending order.
 */
function medianAbsoluteDeviation(sorted: Float64Array, median: number): number {
  const n = sorted.length;
  let right = 0;
  while (right < n && at(sorted, right) < median) right++;
  let left = right - 1;
  let lower = 0;
  let current = 0;
  for (let rank = 0; rank <= n >> 1; rank++) {
    const leftDeviation = left >= 0 ? median - at(sorted, left) : Number.POSITIVE_INFINITY;
    const rightDeviation = right < n ? at(sorted, right) - median : Number.POSITIVE_INFINITY;
    if (leftDeviation <= rightDeviation) {
      current = leftDeviation;
      left--;
    } else {
      current = rightDeviation;
      right++;
    }
    if (rank === (n - 1) >> 1) lower = current;
  }
  return (lower + current) / 2;
}

interface Split {
  lowCount: number;
  lowMean: number;
  highMean: number;
  gvf: number;
}

/**
 * Optimal contiguous two-group split of the sorted values (Fisher 1958; Jenks natural breaks,
 * k = 2): minimum within-group sum of squares, ties → the smallest low group, in O(n) from running
 * sums of the deviations from the mean. gvf = 1 − SSW/SST (Jenks 1967). Needs distinct values.
 */
function bestTwoGroupSplit(sorted: Float64Array, mean: number, sst: number): Split {
  const n = sorted.length;
  let totalSum = 0;
  for (let i = 0; i < n; i++) totalSum += at(sorted, i) - mean;
  let lowSum = 0;
  let lowSquares = 0;
  let bestSsw = Number.POSITIVE_INFINITY;
  let bestCount = 1;
  let bestLowSum = 0;
  for (let count = 1; count < n; count++) {
    const d = at(sorted, count - 1) - mean;
    lowSum += d;
    lowSquares += d * d;
    const highSum = totalSum - lowSum;
    const ssw =
      lowSquares -
      (lowSum * lowSum) / count +
      (sst - lowSquares) -
      (highSum * highSum) / (n - count);
    if (ssw < bestSsw - EPS) {
      bestSsw = ssw;
      bestCount = count;
      bestLowSum = lowSum;
    }
  }
  return {
    lowCount: bestCount,
    lowMean: mean + bestLowSum / bestCount,
    highMean: mean + (totalSum - bestLowSum) / (n - bestCount),
    gvf: Math.min(1, Math.max(0, 1 - bestSsw / sst)),
  };
}

/** Each camp holds ≥ max(2, ⌈0.2n⌉) values, the camp means are ≥ 0.4 apart and gvf ≥ 0.8. */
function isPolarized(split: Split, n: number): boolean {
  const minCamp = Math.max(2, Math.ceil(n / 5));
  return (
    split.lowCount >= minCamp &&
    n - split.lowCount >= minCamp &&
    split.highMean - split.lowMean >= POLARIZED_MEAN_GAP - EPS &&
    split.gvf >= POLARIZED_GVF - EPS
  );
}

/**
 * Bimodality coefficient (Pfister et al. 2013): BC = (G1² + 1)/(G2 + 3(n − 1)²/((n − 2)(n − 3)))
 * with the bias-corrected sample skewness G1 and excess kurtosis G2 (Joanes & Gill 1998), the
 * variant that reproduces the reference values. Needs n ≥ 4 and distinct values.
 */
function bimodalityCoefficient(sorted: Float64Array, mean: number, sst: number): number {
  const n = sorted.length;
  let cubes = 0;
  let fourths = 0;
  for (let i = 0; i < n; i++) {
    const d = at(sorted, i) - mean;
    const d2 = d * d;
    cubes += d2 * d;
    fourths += d2 * d2;
  }
  const m2 = sst / n;
  const g1 = cubes / n / m2 ** 1.5;
  const g2 = fourths / n / (m2 * m2) - 3;
  const skewness = (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  const kurtosis = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
  return (skewness * skewness + 1) / (kurtosis + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)));
}

/**
 * Modified z = 0.6745(xᵢ − x̃)/MAD (Iglewicz & Hoaglin 1993), or (xᵢ − x̃)/(1.253314·meanAD)
 * when MAD = 0; flags |z| > 3.5 at ≥ 0.25 from the median. Returns indexes into the input.
 */
function outlierIndexes(
  cleaned: CleanedValues,
  sorted: Float64Array,
  median: number,
  meanAbsDev: number,
): number[] {
  const mad = medianAbsoluteDeviation(sorted, median);
  const outliers: number[] = [];
  if (mad <= EPS && meanAbsDev <= EPS) return outliers;
  const values = cleaned.values;
  for (let i = 0; i < values.length; i++) {
    const deviation = at(values, i) - median;
    const z =
      mad > EPS
        ? (MAD_CONSISTENCY * deviation) / mad
        : deviation / (MEAN_AD_CONSISTENCY * meanAbsDev);
    if (Math.abs(z) > OUTLIER_Z + EPS && Math.abs(deviation) >= OUTLIER_MIN_DISTANCE - EPS) {
      outliers.push(at(cleaned.indexes, i));
    }
  }
  return outliers;
}

/** Label of a card with n ≥ 2 (n = 0 is 'no-data', n = 1 'single'). */
function labelFor(polarized: boolean | null, rwg: number): ConsensusLabel {
  if (polarized === true) return 'polarized';
  if (rwg > STRONG_RWG + EPS) return 'strong';
  return rwg > MODERATE_RWG + EPS ? 'moderate' : 'weak';
}

function emptySummary(cleaned: CleanedValues): CardSummary {
  return {
    n: cleaned.values.length,
    missing: cleaned.missing,
    invalid: cleaned.invalid,
    clamped: cleaned.clamped,
    median: null,
    mean: null,
    trimmedMean: null,
    q1: null,
    q3: null,
    iqr: null,
    variance: null,
    rwg: null,
    rwgDisplay: null,
    adMd: null,
    cns: null,
    withinBand: null,
    delphiConsensus: null,
    gvf: null,
    polarized: null,
    camps: null,
    bimodality: null,
    bimodalityShown: false,
    outliers: [],
    label: cleaned.values.length === 0 ? 'no-data' : 'single',
  };
}

/**
 * Polarization, bimodality and outliers: n ≥ 4. gvf and bimodality are 0/0 when all values are
 * equal, which includes values within EPS of each other (their SST may underflow).
 */
function shapeFigures(
  cleaned: CleanedValues,
  sorted: Float64Array,
  centre: { mean: number; median: number; adMd: number; sst: number },
): Pick<CardSummary, 'gvf' | 'polarized' | 'camps' | 'bimodality' | 'outliers'> {
  const n = sorted.length;
  if (n < 4) return { gvf: null, polarized: null, camps: null, bimodality: null, outliers: [] };
  const outliers = outlierIndexes(cleaned, sorted, centre.median, centre.adMd);
  if (at(sorted, n - 1) - at(sorted, 0) <= EPS) {
    return { gvf: null, polarized: false, camps: null, bimodality: null, outliers };
  }
  const split = bestTwoGroupSplit(sorted, centre.mean, centre.sst);
  return {
    gvf: split.gvf,
    polarized: isPolarized(split, n),
    camps: {
      low: { count: split.lowCount, mean: split.lowMean },
      high: { count: n - split.lowCount, mean: split.highMean },
    },
    bimodality: bimodalityCoefficient(sorted, centre.mean, centre.sst),
    outliers,
  };
}

function summarizeCleaned(cleaned: CleanedValues, points: number | undefined): CardSummary {
  const summary = emptySummary(cleaned);
  const n = cleaned.values.length;
  if (n === 0) return summary;
  const sorted = Float64Array.from(cleaned.values).sort();
  const median = quantile(sorted, 0.5);
  const mean = meanOfRange(sorted, 0, n);
  summary.median = median;
  summary.mean = mean;
  summary.trimmedMean = trimmedMean(sorted);
  if (n === 1) return summary;

  const step = gridStep(points);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const sst = sumOfSquaredDeviations(sorted, mean);
  const variance = sst / (n - 1);
  const rwg = 1 - variance / uniformNullVariance(points);
  const adMd = meanAbsoluteDeviation(sorted, median);
  const withinBand = withinBandShare(sorted, median, step);
  const shape = shapeFigures(cleaned, sorted, { mean, median, adMd, sst });
  return {
    ...summary,
    q1,
    q3,
    iqr: q3 - q1,
    variance,
    rwg,
    rwgDisplay: Math.max(0, rwg),
    adMd,
    cns: tastleWiermanConsensus(sorted, mean),
    withinBand,
    delphiConsensus: q3 - q1 <= step + EPS && withinBand >= DELPHI_BAND_SHARE - EPS,
    ...shape,
    bimodalityShown: shape.bimodality !== null && n >= 10,
    label: labelFor(shape.polarized, rwg),
  };
}

/** All consensus figures of one card's positions (null where a figure is undefined). */
export function summarizeCard(raw: readonly unknown[], opts: ConsensusOptions = {}): CardSummary {
  return summarizeCleaned(cleanWith(raw, opts.points), opts.points);
}

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

function meanOf(figures: readonly number[]): number | null {
  if (figures.length === 0) return null;
  let sum = 0;
  for (const figure of figures) sum += figure;
  return sum / figures.length;
}

/**
 * Element roll-up from its card summaries: position = mean of card medians; rwgJ = Lindell's
 * r*wg(J) = 1 − mean(s²ⱼ)/σ²eu over cards with nⱼ ≥ 2 (Lindell, Brandt & Whitney 1999), which,
 * unlike James's r_wg(J), does not rise with the number of cards; adJ = mean card AD_Md.
 */
export function rollUpElement(
  cards: readonly CardSummary[],
  opts: ConsensusOptions = {},
): ElementSummary {
  assertPoints(opts.points);
  const medians: number[] = [];
  const variances: number[] = [];
  const deviations: number[] = [];
  let polarizedCount = 0;
  for (const card of cards) {
    if (card.median !== null) medians.push(card.median);
    if (card.variance !== null) variances.push(card.variance);
    if (card.adMd !== null) deviations.push(card.adMd);
    if (card.polarized === true) polarizedCount++;
  }
  const meanVariance = meanOf(variances);
  return {
    position: meanOf(medians),
    rwgJ: meanVariance === null ? null : 1 - meanVariance / uniformNullVariance(opts.points),
    adJ: meanOf(deviations),
    polarizedCount,
  };
}

/** Board roll-up: unweighted means over elements of position and of rwgJ. */
export function rollUpBoard(elements: readonly ElementSummary[]): BoardSummary {
  const positions: number[] = [];
  const agreements: number[] = [];
  for (const element of elements) {
    if (element.position !== null) positions.push(element.position);
    if (element.rwgJ !== null) agreements.push(element.rwgJ);
  }
  return { position: meanOf(positions), rwg: meanOf(agreements) };
}

export function summarizeElement(
  cards: readonly (readonly unknown[])[],
  opts: ConsensusOptions = {},
): ElementSummary {
  return rollUpElement(
    cards.map((card) => summarizeCard(card, opts)),
    opts,
  );
}

export function summarizeBoard(
  elements: readonly (readonly (readonly unknown[])[])[],
  opts: ConsensusOptions = {},
): BoardSummary {
  return rollUpBoard(elements.map((cards) => summarizeElement(cards, opts)));
}

const DISCUSSION_RANK: Record<ConsensusLabel, number> = {
  polarized: 0,
  weak: 1,
  moderate: 2,
  strong: 3,
  single: 4,
  'no-data': 5,
};

/** Polarized, weak, moderate, strong (each by ascending rwg), then single and no-data cards. */
export function discussionOrder<Id>(
  cards: readonly { cardId: Id; summary: Pick<CardSummary, 'label' | 'rwg'> }[],
): Id[] {
  return [...cards]
    .sort(
      (a, b) =>
        DISCUSSION_RANK[a.summary.label] - DISCUSSION_RANK[b.summary.label] ||
        (a.summary.rwg ?? 0) - (b.summary.rwg ?? 0),
    )
    .map((card) => card.cardId);
}

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

/** Complementary error function, |relative error| < 1.2e−7 (Press et al., Numerical Recipes). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const tail = t * Math.exp(-z * z + poly);
  return x >= 0 ? tail : 2 - tail;
}

/** Null distribution of W+ over the 2ⁿ sign assignments of ranks 1..n, by dynamic programming. */
function signedRankDistribution(n: number): Float64Array {
  const probabilities = new Float64Array((n * (n + 1)) / 2 + 1);
  probabilities[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    const reach = (rank * (rank + 1)) / 2;
    for (let w = reach; w >= 0; w--) {
      const withRank = w >= rank ? at(probabilities, w - rank) : 0;
      probabilities[w] = (at(probabilities, w) + withRank) / 2;
    }
  }
  return probabilities;
}

/** Exact two-sided p: twice the smaller tail at W+, capped at 1. */
function exactSignedRankP(n: number, wPlus: number): number {
  const probabilities = signedRankDistribution(n);
  let lower = 0;
  let upper = 0;
  for (let w = 0; w < probabilities.length; w++) {
    if (w <= wPlus) lower += at(probabilities, w);
    if (w >= wPlus) upper += at(probabilities, w);
  }
  return Math.min(1, 2 * Math.min(lower, upper));
}

/**
 * Normal approximation with tie correction Σ(t³ − t)/48 and continuity correction, as R's
 * wilcox.test does; used when |differences| tie or n ≥ 50.
 */
function normalSignedRankP(n: number, wPlus: number, tieCorrection: number): number {
  const centred = wPlus - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48);
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Paired Wilcoxon signed-rank test (Wilcoxon 1945): zero differences dropped, mid-ranks for
 * tied |differences|; exact p when nothing ties and n < 50, else the normal approximation. The
 * zeros are dropped before ranking (Wilcoxon's method), so they alone keep the p exact.
 */
function wilcoxonSignedRank(differences: readonly number[]): WilcoxonResult | null {
  const nonZero = differences.filter((d) => Math.abs(d) > EPS);
  const n = nonZero.length;
  if (n === 0) return null;
  nonZero.sort((a, b) => Math.abs(a) - Math.abs(b));
  let wPlus = 0;
  let tieCorrection = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && Math.abs(at(nonZero, end)) - Math.abs(at(nonZero, start)) <= EPS) end++;
    const midRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) if (at(nonZero, i) > 0) wPlus += midRank;
    const tied = end - start;
    tieCorrection += tied ** 3 - tied;
    start = end;
  }
  const exact = tieCorrection === 0 && n < EXACT_WILCOXON_LIMIT;
  return {
    n,
    wPlus,
    wMinus: (n * (n + 1)) / 2 - wPlus,
    p: exact ? exactSignedRankP(n, wPlus) : normalSignedRankP(n, wPlus, tieCorrection),
    exact,
  };
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
