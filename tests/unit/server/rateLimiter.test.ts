/**
 * The byte bucket takes a frame's bytes at once, and what the server sent a client lately pays
 * for its echoes only within the window it was sent in.
 */
import { describe, expect, it } from 'vitest';
import { RecentAllowance, TokenBucket } from '../../../server/rooms/rateLimiter.ts';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('takes many tokens at once, refusing what the bucket does not hold', () => {
    const time = clock();
    const bytes = new TokenBucket({ perSecond: 1_000, burst: 10_000 }, time.now);
    expect(bytes.take(9_000)).toBe(true);
    expect(bytes.take(2_000)).toBe(false);
    time.advance(1_000); // 1,000 + 1,000 refilled
    expect(bytes.take(2_000)).toBe(true);
    expect(bytes.take(1)).toBe(false);
  });
});

describe('RecentAllowance', () => {
  it('covers echoes up to what was earned in the window, oldest first', () => {
    const time = clock();
    const sent = new RecentAllowance(1_000, time.now);
    sent.earn(300);
    time.advance(500);
    sent.earn(200);
    expect(sent.spend(400)).toBe(0);
    expect(sent.spend(400)).toBe(300); // 100 left of 500
    time.advance(100);
    sent.earn(50);
    time.advance(950); // the first two have expired
    expect(sent.spend(80)).toBe(30);
    time.advance(1_001);
    expect(sent.spend(10)).toBe(10);
  });
});
