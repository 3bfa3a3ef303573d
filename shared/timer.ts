/**
 * The session timer's arithmetic, against the server's clock: every screen computes the same
 * remaining time from `control.timer` and its own estimate of the server's time, so laptops with
 * wrong clocks still agree. Pure: every function takes "now" in server epoch ms.
 */
import type { Timer } from './boardDoc.ts';

export function startTimer(durationMs: number, serverNow: number): Timer {
  return { endsAt: serverNow + durationMs, durationMs, pausedRemainingMs: null };
}

/** Milliseconds left (never below 0), or null when no timer is set. */
export function remainingMs(timer: Timer | null, serverNow: number): number | null {
  if (!timer) return null;
  if (timer.pausedRemainingMs !== null) return Math.max(0, timer.pausedRemainingMs);
  if (timer.endsAt === null) return null;
  return Math.max(0, timer.endsAt - serverNow);
}

export function isPaused(timer: Timer | null): boolean {
  return timer !== null && timer.pausedRemainingMs !== null;
}

export function pauseTimer(timer: Timer, serverNow: number): Timer {
  if (timer.pausedRemainingMs !== null) return timer;
  return { ...timer, endsAt: null, pausedRemainingMs: remainingMs(timer, serverNow) ?? 0 };
}

export function resumeTimer(timer: Timer, serverNow: number): Timer {
  if (timer.pausedRemainingMs === null) return timer;
  return { ...timer, endsAt: serverNow + timer.pausedRemainingMs, pausedRemainingMs: null };
}

/** Adds time to a running, paused or finished timer. */
export function extendTimer(timer: Timer, byMs: number, serverNow: number): Timer {
  const durationMs = timer.durationMs + byMs;
  if (timer.pausedRemainingMs !== null) {
    return { ...timer, durationMs, pausedRemainingMs: timer.pausedRemainingMs + byMs };
  }
  const left = remainingMs(timer, serverNow) ?? 0;
  return { endsAt: serverNow + left + byMs, durationMs, pausedRemainingMs: null };
}

/**
 * The server clock's offset from one request: the server stamped `serverTime` somewhere between
 * sending and receiving, so assume the midpoint (error at most half the round trip).
 */
export function clockOffset(sentAt: number, receivedAt: number, serverTime: number): number {
  return serverTime - (sentAt + receivedAt) / 2;
}

/** "4:05", "0:09", "12:00". */
export function formatRemaining(ms: number): string {
  const totalSeconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
