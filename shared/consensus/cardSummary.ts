/**
 * All consensus figures of one card's positions: centre, spread, agreement (rwg, AD, Cns,
 * Delphi), polarization into two camps, bimodality and outliers, and the label they add up to.
 * Every sum runs over the sorted values, so a figure never depends on the order of the input.
 * Pure.
 */
import { type CleanedValues, cleanWith } from './cleanValues.ts';
import { at, type ConsensusOptions, EPS, gridStep, uniformNullVariance } from './scale.ts';

export type ConsensusLabel = 'no-data' | 'single' | 'polarized' | 'strong' | 'moderate' | 'weak';

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

export function summarizeCleaned(cleaned: CleanedValues, points: number | undefined): CardSummary {
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
