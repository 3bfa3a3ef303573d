/**
 * The facilitator sets, pauses, extends and clears the countdown, from a panel opened in the
 * toolbar; in Final too (a countdown left running on a locked board would end in "Time's up").
 */
import { type FormEvent, useState } from 'react';
import { extendTimer, isPaused, pauseTimer, resumeTimer, startTimer } from '../../shared/timer.ts';
import { Popover } from '../board/Popover.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { serverNow, syncServerClock } from '../serverClock.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';

const PRESET_MINUTES = [1, 2, 5, 10];
const MINUTE = 60_000;

export function TimerControls() {
  const { actions, store } = useBoardContext();
  const timer = useBoard((state) => state.control.timer);
  const sound = useBoard((state) => state.ui.sound);
  const [custom, setCustom] = useState('');
  const { t } = useTranslator();

  const start = async (minutes: number) => {
    await syncServerClock();
    actions.setTimer(startTimer(minutes * MINUTE, serverNow()));
  };
  const submitCustom = (event: FormEvent) => {
    event.preventDefault();
    // Spanish and many other locales write a decimal comma.
    const minutes = Number(custom.replace(',', '.'));
    if (Number.isFinite(minutes) && minutes > 0 && minutes <= 180) void start(minutes);
  };

  return (
    <Popover label={t('facilitator.timer.button')} panelClassName="timer-panel" testId="timer-menu">
      <div className="timer-controls">
        {PRESET_MINUTES.map((minutes) => (
          <button
            key={minutes}
            type="button"
            className="secondary small-button"
            onClick={() => void start(minutes)}
          >
            {t('facilitator.timer.preset', { minutes })}
          </button>
        ))}
        <form onSubmit={submitCustom} className="timer-custom">
          <input
            aria-label={t('facilitator.timer.customLabel')}
            inputMode="decimal"
            placeholder={t('facilitator.timer.customPlaceholder')}
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
          />
          <button type="submit" className="secondary small-button">
            {t('facilitator.timer.start')}
          </button>
        </form>
        {timer && (
          <>
            <button
              type="button"
              className="secondary small-button"
              onClick={() =>
                actions.setTimer(
                  isPaused(timer)
                    ? resumeTimer(timer, serverNow())
                    : pauseTimer(timer, serverNow()),
                )
              }
            >
              {isPaused(timer) ? t('facilitator.timer.resume') : t('facilitator.timer.pause')}
            </button>
            <button
              type="button"
              className="secondary small-button"
              onClick={() => actions.setTimer(extendTimer(timer, MINUTE, serverNow()))}
            >
              {t('facilitator.timer.extend')}
            </button>
            <button
              type="button"
              className="secondary small-button"
              onClick={() => actions.setTimer(null)}
            >
              {t('facilitator.timer.clear')}
            </button>
          </>
        )}
        <label className="toggle timer-sound-toggle">
          <input
            type="checkbox"
            checked={sound}
            onChange={(event) => setUi(store, { sound: event.target.checked })}
          />
          {t('facilitator.timer.sound')}
        </label>
      </div>
    </Popover>
  );
}
