/**
 * This browser's estimate of the server's clock, so timers count down alike on every screen
 * whatever each laptop's clock says. Keeps the sample with the shortest round trip (the most
 * precise) and refreshes now and then.
 */
import { useEffect, useState } from 'react';
import { clockOffset } from '../shared/timer.ts';

let offsetMs = 0;
let bestRoundTripMs = Number.POSITIVE_INFINITY;
let sampling: Promise<void> | null = null;

async function sample(): Promise<void> {
  const sentAt = Date.now();
  const response = await fetch('/api/time', { cache: 'no-store' });
  const receivedAt = Date.now();
  const body = (await response.json()) as { now?: unknown };
  if (typeof body.now !== 'number') return;
  const roundTrip = receivedAt - sentAt;
  // A much older best sample may no longer hold (the laptop's clock was corrected).
  if (roundTrip <= bestRoundTripMs * 1.5) {
    bestRoundTripMs = Math.min(bestRoundTripMs, roundTrip);
    offsetMs = clockOffset(sentAt, receivedAt, body.now);
  }
}

/** Learns the offset (a few samples, once per page). */
export function syncServerClock(): Promise<void> {
  sampling ??= (async () => {
    for (let i = 0; i < 3; i++) await sample().catch(() => undefined);
  })();
  return sampling;
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** Re-renders every `intervalMs` while `active`, returning the server's time. */
export function useServerNow(active: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!active) return;
    void syncServerClock().then(() => setNow(serverNow()));
    const timer = setInterval(() => setNow(serverNow()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
