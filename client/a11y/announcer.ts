/**
 * What screen readers hear that the screen shows only as a change: the person's own drops,
 * reveals, phase changes, the timer's last minute, refused writes, reconnects, and (at most
 * every 30 s) the room's progress count. Messages go to one of two live regions
 * (client/a11y/LiveRegions.tsx): polite, or assertive for what must interrupt (a refusal).
 * Others' positions are never announced: only their count.
 */
import { create } from 'zustand';

export type Politeness = 'polite' | 'assertive';

interface Announcement {
  text: string;
  /** Bumped on every message, so the same words said twice are announced twice. */
  serial: number;
}

interface AnnouncerState {
  polite: Announcement;
  assertive: Announcement;
}

export const useAnnouncerStore = create<AnnouncerState>(() => ({
  polite: { text: '', serial: 0 },
  assertive: { text: '', serial: 0 },
}));

export function announce(text: string, politeness: Politeness = 'polite'): void {
  useAnnouncerStore.setState((state) => ({
    [politeness]: { text, serial: state[politeness].serial + 1 },
  }));
}

/** At most one room-progress announcement per this many ms: others' activity is background. */
export const PROGRESS_ANNOUNCE_INTERVAL_MS = 30_000;
