/**
 * Limits *failed* attempts (wrong join codes) per address: a short code can be guessed, but a
 * whole room joins from one address behind the venue's wifi, so successful joins never count.
 * A sliding window of failure times per address, pruned as it is read.
 */
/** Sweep expired addresses once this many are remembered. */
const SWEEP_ABOVE = 1_000;

export class FailedAttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this address may try again, or 0 if it may try now. */
  retryAfterMs(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.maxFailures) return 0;
    const oldest = recent[recent.length - this.maxFailures] ?? this.now();
    return Math.max(0, oldest + this.windowMs - this.now());
  }

  recordFailure(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.failures.set(address, recent);
    if (this.failures.size > SWEEP_ABOVE) this.sweep();
  }

  /** Forgets addresses whose failures have all expired, so the map cannot grow without end. */
  private sweep(): void {
    for (const address of [...this.failures.keys()]) this.recent(address);
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.failures.get(address) ?? []).filter((time) => time > cutoff);
    if (recent.length === 0) this.failures.delete(address);
    return recent;
  }
}
