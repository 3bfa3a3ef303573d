/**
 * How long a room gathers awareness changes before it sends them (fanOut.ts), from how many
 * receivers it has and how fast changes arrive.
 *
 * Each flush sends one frame to every receiver, and it is the frames, not their bytes, that cost
 * the server's CPU. Unbatched, a room of N receivers taking r changes a second sends N·r frames
 * a second: 54 × 300 = 16,200 for 50 people with 10 dragging, 204 × 1,200 = 244,800 for 200
 * with 40. A window W opened by a change (leading edge: that change leaves at once) gathers the
 * r·W changes that arrive meanwhile, so the room sends about N·r / (1 + r·W) frames a second.
 * Holding that to a budget of B frames a second gives the rule
 *
 *     W = clamp(N / B − 1 / r, 0, MAX_WINDOW_MS)
 *
 * A small room, or a quiet one, whose unbatched frames fit the budget sends every change at
 * once (W = 0); a room past it waits just long enough to stay at the budget, and never longer
 * than MAX_WINDOW_MS (about one screen frame, what a busy room has always waited). B is the
 * frame rate of the 200/40 room at 16 ms, the load the server is measured and sized for
 * (docs/benchmarks.md), so no room sends more awareness frames than that one does.
 */

/** Awareness frames a second one room may send before it batches (see above). */
export const FRAME_BUDGET_PER_SECOND = 12_000;
/** The longest a change waits: one frame at 60 Hz, the window every room had before. */
export const MAX_WINDOW_MS = 16;

/** The window in ms for `receivers` receivers taking `changesPerSecond` changes a second. */
export function batchWindowMs(receivers: number, changesPerSecond: number): number {
  if (receivers <= 0 || changesPerSecond <= 0) return 0;
  const windowMs = (receivers / FRAME_BUDGET_PER_SECOND - 1 / changesPerSecond) * 1000;
  return Math.min(MAX_WINDOW_MS, Math.max(0, windowMs));
}

/** How long a past change keeps counting in the rate: changes of the last second or so. */
const RATE_TIME_CONSTANT_MS = 1_000;

/**
 * Changes a second, as an exponentially decaying count: each change adds 1/τ and the sum decays
 * by e^(−Δt/τ), so the estimate follows a room that speeds up or calms down within about τ,
 * with one multiplication per change and no timer.
 */
export class RateMeter {
  private rate = 0;
  private at = 0;

  /** `count` changes arrived at `now` (ms). */
  note(count: number, now: number): void {
    this.rate = this.perSecond(now) + (count * 1000) / RATE_TIME_CONSTANT_MS;
    this.at = now;
  }

  /** The estimated changes a second at `now` (ms). */
  perSecond(now: number): number {
    const elapsed = Math.max(0, now - this.at);
    return this.rate * Math.exp(-elapsed / RATE_TIME_CONSTANT_MS);
  }
}
