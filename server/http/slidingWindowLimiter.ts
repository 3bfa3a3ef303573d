/**
 * At most `maxEvents` events per key in any `windowMs`: board creations per address, wrong join
 * codes per board, failed code lookups per address. A sliding window of event times per key,
 * pruned as it is read.
 */
/** Sweep expired keys once this many are remembered. */
const SWEEP_ABOVE = 1_000;

export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly maxEvents: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this key may act again, or 0 if it may act now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.maxEvents) return 0;
    const oldest = recent[recent.length - this.maxEvents] ?? this.now();
    return Math.max(0, oldest + this.windowMs - this.now());
  }

  /** Records an event if the key may act now; the milliseconds until it may otherwise. */
  take(key: string): number {
    const waitMs = this.retryAfterMs(key);
    if (waitMs === 0) this.record(key);
    return waitMs;
  }

  record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Only the last `maxEvents` decide when the key may act again.
    this.events.set(key, recent.slice(-this.maxEvents));
    if (this.events.size > SWEEP_ABOVE) this.sweep();
  }

  /** Forgets keys whose events have all expired, so the map cannot grow without end. */
  private sweep(): void {
    for (const key of [...this.events.keys()]) this.recent(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.events.get(key) ?? []).filter((time) => time > cutoff);
    if (recent.length === 0) this.events.delete(key);
    return recent;
  }
}
