/**
 * The awareness window: none for a small or quiet room, the full 16 ms for a crowded busy one,
 * and in between just long enough to keep a room's frames at the budget.
 */
import { describe, expect, it } from 'vitest';
import {
  batchWindowMs,
  FRAME_BUDGET_PER_SECOND,
  MAX_WINDOW_MS,
  RateMeter,
} from '../../../server/rooms/batchWindow.ts';

/** Frames a second a room sends with window w (ms): each flush gathers r·w changes and one more. */
function framesPerSecond(receivers: number, changesPerSecond: number, windowMs: number): number {
  return (receivers * changesPerSecond) / (1 + (changesPerSecond * windowMs) / 1000);
}

describe('batchWindowMs', () => {
  it('sends at once in a room whose unbatched frames fit the budget', () => {
    expect(batchWindowMs(54, 30)).toBe(0); // 50 people, one dragging
    expect(batchWindowMs(5, 300)).toBe(0); // a handful, all dragging
    expect(batchWindowMs(54, 0)).toBe(0);
    expect(batchWindowMs(0, 1_000)).toBe(0);
  });

  it('waits about a millisecond for 50 people with 10 dragging at 30 Hz', () => {
    const window = batchWindowMs(54, 300);
    expect(window).toBeGreaterThan(0.5);
    expect(window).toBeLessThan(2);
  });

  it('batches a crowded busy room as it always did: 16 ms', () => {
    expect(batchWindowMs(204, 1_200)).toBe(MAX_WINDOW_MS); // 200 people, 40 dragging
    expect(batchWindowMs(504, 1_500)).toBe(MAX_WINDOW_MS); // 500 people, 50 dragging
    expect(batchWindowMs(100_000, 100_000)).toBe(MAX_WINDOW_MS);
  });

  it('holds a room between the two at the frame budget', () => {
    for (const [receivers, rate] of [
      [100, 300],
      [150, 600],
      [80, 1_000],
    ] as const) {
      const window = batchWindowMs(receivers, rate);
      expect(window).toBeGreaterThan(0);
      expect(window).toBeLessThan(MAX_WINDOW_MS);
      expect(framesPerSecond(receivers, rate, window)).toBeCloseTo(FRAME_BUDGET_PER_SECOND, 0);
    }
  });

  it('never shortens as receivers or the rate grow', () => {
    let previous = 0;
    for (let receivers = 1; receivers <= 600; receivers += 7) {
      const window = batchWindowMs(receivers, 400);
      expect(window).toBeGreaterThanOrEqual(previous);
      previous = window;
    }
    previous = 0;
    for (let rate = 1; rate <= 3_000; rate += 13) {
      const window = batchWindowMs(120, rate);
      expect(window).toBeGreaterThanOrEqual(previous);
      previous = window;
    }
  });
});

describe('RateMeter', () => {
  it('measures a steady rate, and forgets it within a few seconds of quiet', () => {
    const meter = new RateMeter();
    let now = 0;
    for (let i = 0; i < 3_000; i += 1) {
      now += 1000 / 300;
      meter.note(1, now);
    }
    expect(meter.perSecond(now)).toBeGreaterThan(290);
    expect(meter.perSecond(now)).toBeLessThan(310);
    expect(meter.perSecond(now + 5_000)).toBeLessThan(3);
  });

  it('counts several changes noted at once', () => {
    const meter = new RateMeter();
    let now = 0;
    for (let i = 0; i < 200; i += 1) {
      now += 100;
      meter.note(40, now);
    }
    expect(meter.perSecond(now)).toBeGreaterThan(380);
    expect(meter.perSecond(now)).toBeLessThan(440);
  });
});
