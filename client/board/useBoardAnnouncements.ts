/**
 * Says the board's changes through the page's live regions (client/a11y/announcer.ts), in this
 * person's language: phase changes and new rounds, the timer's last minute and its end, and
 * while placing the room's count of finished people, at most every 30 s. Only changes: nothing
 * is said for what the board already showed when it opened. Mounted once, by the header.
 */
import { useEffect, useRef } from 'react';
import { remainingMs } from '../../shared/timer.ts';
import { announce, PROGRESS_ANNOUNCE_INTERVAL_MS } from '../a11y/announcer.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useServerNow } from '../serverClock.ts';
import { useBoard } from '../state/BoardContext.tsx';
import {
  progressDelay,
  type SessionStep,
  sessionAnnouncement,
  timerAnnouncement,
} from './boardAnnouncements.ts';

export function useBoardAnnouncements(): void {
  const tr = useTranslator();
  // The store holds defaults until the document's first content arrives: that is no change.
  const loaded = useBoard((state) => state.meta !== null);
  const phase = useBoard((state) => state.control.phase);
  const round = useBoard((state) => state.control.round);
  const timer = useBoard((state) => state.control.timer);
  const finished = useBoard((state) => state.progress.finished);
  const total = useBoard((state) => state.progress.total);
  const now = useServerNow(timer !== null, 500);
  const left = loaded ? remainingMs(timer, now) : null;

  const step = useRef<SessionStep | null>(null);
  useEffect(() => {
    if (!loaded) return;
    const before = step.current;
    step.current = { phase, round };
    const said = before && sessionAnnouncement(before, { phase, round });
    if (said) announce(tr.t(said.key, { round: said.round }));
  }, [loaded, phase, round, tr]);

  const leftBefore = useRef<number | null>(null);
  useEffect(() => {
    const said = timerAnnouncement(leftBefore.current, left);
    leftBefore.current = left;
    if (said) announce(tr.t(said));
  }, [left, tr]);

  const lastCount = useRef<string | null>(null);
  const lastSaidAt = useRef<number | null>(null);
  useEffect(() => {
    if (!loaded || phase !== 'placing' || total === 0) return;
    const count = `${finished}/${total}`;
    if (lastCount.current === null) {
      lastCount.current = count;
      return;
    }
    if (count === lastCount.current) return;
    const wait = progressDelay(lastSaidAt.current, Date.now(), PROGRESS_ANNOUNCE_INTERVAL_MS);
    // A newer count replaces this one before it is said: the room is background news.
    const pending = window.setTimeout(() => {
      lastCount.current = count;
      lastSaidAt.current = Date.now();
      announce(tr.t('board.announce.progress', { finished, total }));
    }, wait);
    return () => window.clearTimeout(pending);
  }, [loaded, phase, finished, total, tr]);
}

/** The hook as a component that renders nothing, so its ticking clock re-renders only itself. */
export function BoardAnnouncements(): null {
  useBoardAnnouncements();
  return null;
}
