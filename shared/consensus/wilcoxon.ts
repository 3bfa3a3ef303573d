/** The paired Wilcoxon signed-rank test between two rounds of one card. Pure. */
import { at, EPS } from './scale.ts';

export interface WilcoxonResult {
  /** Number of non-zero paired differences. */
  n: number;
  wPlus: number;
  wMinus: number;
  p: number;
  /** True for the exact null distribution, false for the normal approximation. */
  exact: boolean;
}

/** The exact Wilcoxon distribution is used for n below this, as in R's wilcox.test. */
const EXACT_WILCOXON_LIMIT = 50;

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
export function wilcoxonSignedRank(differences: readonly number[]): WilcoxonResult | null {
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
