/** The facilitator sets, pauses, extends and clears the countdown. */
import { type FormEvent, useState } from 'react';
import { extendTimer, isPaused, pauseTimer, resumeTimer, startTimer } from '../../shared/timer.ts';
import { serverNow, syncServerClock } from '../serverClock.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

const PRESET_MINUTES = [1, 2, 5, 10];
const MINUTE = 60_000;

export function TimerControls() {
  const { actions } = useBoardContext();
  const timer = useBoard((state) => state.control.timer);
  const locked = useBoard((state) => state.control.phase === 'final');
  const [custom, setCustom] = useState('');

  const start = async (minutes: number) => {
    await syncServerClock();
    actions.setTimer(startTimer(minutes * MINUTE, serverNow()));
  };
  const submitCustom = (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number(custom);
    if (Number.isFinite(minutes) && minutes > 0 && minutes <= 180) void start(minutes);
  };

  if (locked) return null; // a locked board takes no control changes but its reopening
  return (
    <span className="timer-controls">
      <span className="control-label">Timer</span>
      {PRESET_MINUTES.map((minutes) => (
        <button
          key={minutes}
          type="button"
          className="secondary small-button"
          onClick={() => void start(minutes)}
        >
          {minutes} min
        </button>
      ))}
      <form onSubmit={submitCustom} className="timer-custom">
        <input
          aria-label="Custom minutes"
          inputMode="decimal"
          placeholder="min"
          value={custom}
          onChange={(event) => setCustom(event.target.value)}
        />
        <button type="submit" className="secondary small-button">
          Start
        </button>
      </form>
      {timer && (
        <>
          <button
            type="button"
            className="secondary small-button"
            onClick={() =>
              actions.setTimer(
                isPaused(timer) ? resumeTimer(timer, serverNow()) : pauseTimer(timer, serverNow()),
              )
            }
          >
            {isPaused(timer) ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            className="secondary small-button"
            onClick={() => actions.setTimer(extendTimer(timer, MINUTE, serverNow()))}
          >
            +1 min
          </button>
          <button
            type="button"
            className="secondary small-button"
            onClick={() => actions.setTimer(null)}
          >
            Clear
          </button>
        </>
      )}
    </span>
  );
}
