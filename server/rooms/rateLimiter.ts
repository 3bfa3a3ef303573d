/**
 * A token bucket: it holds up to `burst` tokens and refills at `perSecond`; each message takes
 * one (or each byte, for a byte rate). A client may send in bursts (a reconnect, a quick series
 * of drops) as long as its average stays under the rate.
 */
import type { RateLimit } from '../config.ts';

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.tokens = limit.burst;
    this.refilledAt = now();
  }

  /** Takes `count` tokens; false when the bucket holds fewer (the message is over the limit). */
  take(count = 1): boolean {
    const now = this.now();
    const elapsedSeconds = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsedSeconds * this.limit.perSecond);
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }
}

/**
 * Bytes earned that may be spent within `windowMs` of being earned: what the server sent a
 * connection lately, which the client may echo back for free.
 */
export class RecentAllowance {
  /** What was earned, oldest first, with what is left of each. */
  private readonly earned: { at: number; left: number }[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  earn(amount: number): void {
    const at = this.now();
    this.forgetBefore(at - this.windowMs);
    const last = this.earned[this.earned.length - 1];
    // Sends of the same millisecond share one entry, so a busy room keeps this short.
    if (last !== undefined && last.at === at) last.left += amount;
    else this.earned.push({ at, left: amount });
  }

  /** Spends up to `amount` of what is still valid; returns the part it did not cover. */
  spend(amount: number): number {
    this.forgetBefore(this.now() - this.windowMs);
    let uncovered = amount;
    for (const entry of this.earned) {
      const used = Math.min(entry.left, uncovered);
      entry.left -= used;
      uncovered -= used;
      if (uncovered === 0) break;
    }
    while (this.earned[0]?.left === 0) this.earned.shift();
    return uncovered;
  }

  private forgetBefore(cutoff: number): void {
    while ((this.earned[0]?.at ?? Number.POSITIVE_INFINITY) < cutoff) this.earned.shift();
  }
}
