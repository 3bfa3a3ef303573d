/**
 * Percentiles of measured samples: exact ones over a small list, and a log-bucketed histogram
 * (1 % resolution) for the millions of deliveries a fan-out run records without keeping them.
 */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export const EMPTY_SUMMARY: LatencySummary = {
  count: 0,
  p50: Number.NaN,
  p95: Number.NaN,
  p99: Number.NaN,
  max: Number.NaN,
  mean: Number.NaN,
};

/** Nearest-rank percentile (p in 0..100) of an ascending list; NaN when empty. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentileOfSorted(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return EMPTY_SUMMARY;
  const sorted = [...samples].sort((a, b) => a - b);
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sum / sorted.length,
  };
}

const GROWTH = 1.01;
const SMALLEST_MS = 0.01;
const LARGEST_MS = 600_000;
const BUCKETS = Math.ceil(Math.log(LARGEST_MS / SMALLEST_MS) / Math.log(GROWTH)) + 1;

/**
 * Latencies in milliseconds, bucketed by factors of 1.01 from 0.01 ms to 10 minutes: a
 * percentile is off by at most 1 %; the maximum and the mean are exact.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private sum = 0;
  private largest = Number.NEGATIVE_INFINITY;

  record(ms: number): void {
    const value = Math.max(ms, SMALLEST_MS);
    const bucket = Math.min(
      BUCKETS - 1,
      Math.ceil(Math.log(value / SMALLEST_MS) / Math.log(GROWTH)),
    );
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.total += 1;
    this.sum += ms;
    if (ms > this.largest) this.largest = ms;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++)
      this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.total += other.total;
    this.sum += other.sum;
    if (other.largest > this.largest) this.largest = other.largest;
  }

  get count(): number {
    return this.total;
  }

  /** The upper bound of the bucket holding the nearest-rank percentile (never above the max). */
  percentile(p: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.largest, SMALLEST_MS * GROWTH ** i);
    }
    return this.largest;
  }

  summary(): LatencySummary {
    if (this.total === 0) return EMPTY_SUMMARY;
    return {
      count: this.total,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.largest,
      mean: this.sum / this.total,
    };
  }
}
