/** Timer arithmetic against the server's clock, whatever each laptop's clock says. */
import { describe, expect, it } from 'vitest';
import {
  clockOffset,
  extendTimer,
  formatRemaining,
  isPaused,
  pauseTimer,
  remainingMs,
  resumeTimer,
  startTimer,
} from '../../../shared/timer.ts';

const MINUTE = 60_000;

describe('timer', () => {
  it('counts down to zero and never below', () => {
    const timer = startTimer(5 * MINUTE, 1_000_000);
    expect(remainingMs(timer, 1_000_000)).toBe(5 * MINUTE);
    expect(remainingMs(timer, 1_000_000 + 2 * MINUTE)).toBe(3 * MINUTE);
    expect(remainingMs(timer, 1_000_000 + 9 * MINUTE)).toBe(0);
    expect(remainingMs(null, 0)).toBeNull();
  });

  it('freezes while paused and goes on from there when resumed', () => {
    const start = startTimer(2 * MINUTE, 0);
    const paused = pauseTimer(start, 30_000);
    expect(isPaused(paused)).toBe(true);
    expect(remainingMs(paused, 30_000)).toBe(90_000);
    expect(remainingMs(paused, 10 * MINUTE)).toBe(90_000);
    const resumed = resumeTimer(paused, 10 * MINUTE);
    expect(remainingMs(resumed, 10 * MINUTE + 30_000)).toBe(60_000);
    expect(pauseTimer(paused, 99)).toBe(paused);
  });

  it('extends running, paused and finished timers', () => {
    const running = startTimer(MINUTE, 0);
    expect(remainingMs(extendTimer(running, MINUTE, 30_000), 30_000)).toBe(90_000);
    const paused = pauseTimer(running, 45_000);
    expect(remainingMs(extendTimer(paused, MINUTE, 0), 0)).toBe(75_000);
    const finished = extendTimer(running, MINUTE, 5 * MINUTE);
    expect(remainingMs(finished, 5 * MINUTE)).toBe(MINUTE);
    expect(finished.durationMs).toBe(2 * MINUTE);
  });

  it('gives two screens with clocks minutes apart the same remaining time', () => {
    const serverTimeAtRequest = 5_000_000;
    const timer = startTimer(5 * MINUTE, serverTimeAtRequest);
    // Laptop A runs 3 minutes fast, laptop B 7 minutes slow; each asked the server once (40 ms trip).
    const offsetA = clockOffset(
      serverTimeAtRequest + 3 * MINUTE,
      serverTimeAtRequest + 3 * MINUTE + 40,
      serverTimeAtRequest + 20,
    );
    const offsetB = clockOffset(
      serverTimeAtRequest - 7 * MINUTE,
      serverTimeAtRequest - 7 * MINUTE + 40,
      serverTimeAtRequest + 20,
    );
    const later = 90_000;
    const laptopA = serverTimeAtRequest + 3 * MINUTE + later;
    const laptopB = serverTimeAtRequest - 7 * MINUTE + later;
    expect(remainingMs(timer, laptopA + offsetA)).toBe(remainingMs(timer, laptopB + offsetB));
    expect(remainingMs(timer, laptopA + offsetA)).toBe(5 * MINUTE - later);
  });

  it('formats minutes and seconds, rounding up so 0:00 means done', () => {
    expect(formatRemaining(5 * MINUTE)).toBe('5:00');
    expect(formatRemaining(65_000)).toBe('1:05');
    expect(formatRemaining(400)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
  });
});
