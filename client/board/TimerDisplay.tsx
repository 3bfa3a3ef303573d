/**
 * The countdown, the same on every screen (counted against the server's clock), with a gentle
 * visual and an optional sound when it ends. The facilitator's controls sit beside it.
 */
import { useEffect, useRef } from 'react';
import type { Translator } from '../../shared/i18n/translator.ts';
import { formatRemaining, isPaused, remainingMs } from '../../shared/timer.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useServerNow } from '../serverClock.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';

function chime(): void {
  const AudioContextClass = window.AudioContext;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 660;
  gain.gain.setValueAtTime(0.0001, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.2, context.currentTime + 0.05);
  gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 1.2);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 1.3);
  oscillator.onended = () => void context.close();
}

export function TimerDisplay({
  large = false,
  withSound = !large,
  tr: roomTranslator,
}: {
  large?: boolean;
  /** The switch for the end-of-time sound (not on the wall, nor on the phone's mini-bar). */
  withSound?: boolean;
  /** The wall's language, where it is not this person's own. */
  tr?: Translator;
}) {
  const own = useTranslator();
  const { t } = roomTranslator ?? own;
  const { store } = useBoardContext();
  const timer = useBoard((state) => state.control.timer);
  const sound = useBoard((state) => state.ui.sound);
  const now = useServerNow(timer !== null);
  const left = remainingMs(timer, now);
  const ended = left === 0;
  const rang = useRef(false);

  useEffect(() => {
    if (!ended) {
      rang.current = false;
      return;
    }
    if (!rang.current && sound) chime();
    rang.current = true;
  }, [ended, sound]);

  if (left === null) return null;
  return (
    <span
      className={`timer${ended ? ' ended' : ''}${large ? ' large' : ''}`}
      data-testid="timer"
      data-paused={isPaused(timer)}
    >
      <span className="timer-value" role="timer" aria-live="off">
        {ended ? t('board.timer.up') : formatRemaining(left)}
      </span>
      {isPaused(timer) && <span className="timer-paused">{t('board.timer.paused')}</span>}
      {withSound && (
        <button
          type="button"
          className="link-button timer-sound"
          aria-pressed={sound}
          onClick={() => setUi(store, { sound: !sound })}
          title={t('board.timer.soundTitle')}
        >
          {sound ? t('board.timer.soundOn') : t('board.timer.soundOff')}
        </button>
      )}
    </span>
  );
}
