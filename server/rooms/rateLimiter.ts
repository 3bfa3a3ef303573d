/**
 * A token bucket: it holds up to `burst` tokens and refills at `perSecond`; each message takes
 * one. A client may send in bursts (a reconnect, a quick series of drops) as long as its average
 * stays under the rate.
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

  /** Takes one token; false when the bucket is empty (the message is over the limit). */
  take(): boolean {
    const now = this.now();
    const elapsedSeconds = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsedSeconds * this.limit.perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
