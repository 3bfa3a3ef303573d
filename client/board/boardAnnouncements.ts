/**
 * What the board says to screen readers when it changes, decided without React so it can be
 * tested: a phase change or a new round, the timer's last minute and its end, and the room's
 * progress as a count only (never anyone's positions), at most every
 * PROGRESS_ANNOUNCE_INTERVAL_MS. Pure.
 */
import type { Phase } from '../../shared/boardDoc.ts';
import type { MessageKey } from '../../shared/i18n/catalogues.ts';

const PHASE_MESSAGES: Record<Phase, MessageKey> = {
  setup: 'board.announce.setup',
  placing: 'board.announce.placing',
  revealed: 'board.announce.revealed',
  discussing: 'board.announce.discussing',
  final: 'board.announce.final',
};

export interface SessionStep {
  phase: Phase;
  round: number;
}

export type SessionAnnouncement =
  | { key: 'board.announce.round'; round: number }
  | { key: MessageKey; round?: undefined };

/** A new round says so (it reopens placing); otherwise a phase change says what it means. */
export function sessionAnnouncement(
  before: SessionStep,
  after: SessionStep,
): SessionAnnouncement | null {
  if (after.round > before.round) return { key: 'board.announce.round', round: after.round };
  if (after.phase !== before.phase) return { key: PHASE_MESSAGES[after.phase] };
  return null;
}

export const LAST_MINUTE_MS = 60_000;

/**
 * The timer's news between two readings of the time left (null: no timer): once as it reaches
 * its last minute, and once as it runs out. A timer set or extended to more time says it again.
 */
export function timerAnnouncement(before: number | null, after: number | null): MessageKey | null {
  if (before === null || after === null || after >= before) return null;
  if (after === 0) return 'board.announce.timeUp';
  if (before > LAST_MINUTE_MS && after <= LAST_MINUTE_MS) return 'board.announce.lastMinute';
  return null;
}

/** How long to wait before saying the room's count: at once, or when the interval is over. */
export function progressDelay(lastSaidAt: number | null, now: number, intervalMs: number): number {
  return lastSaidAt === null ? 0 : Math.max(0, lastSaidAt + intervalMs - now);
}
