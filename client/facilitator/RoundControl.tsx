/**
 * Starting a new round on the whole board or one element, behind a short countdown that can be
 * cancelled: nothing is written until it reaches zero, so a stray click costs nothing.
 */
import { useEffect, useState } from 'react';
import { elementName } from '../../shared/i18n/rubricText.ts';
import type { RubricElement } from '../../shared/rubric.ts';
import { Popover } from '../board/Popover.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

// Selectors must return stable values: a fresh [] each time would re-render forever.
const NO_ELEMENTS: readonly RubricElement[] = [];

/** Seconds between "Start a new round" and the round being written. */
export const ROUND_COUNTDOWN_SECONDS = 3;

interface Countdown {
  secondsLeft: number;
  /** The cards of the new round; null: every card. */
  cardIds: string[] | null;
  /** The element of the new round; null: the whole board. */
  elementId: string | null;
  /** The phase it was started in: any change of phase (here or by another facilitator) cancels it. */
  phase: string;
}

export function RoundControl() {
  const { actions } = useBoardContext();
  const tr = useTranslator();
  const { t } = tr;
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const phase = useBoard((state) => state.control.phase);
  const round = useBoard((state) => state.control.round);
  const elements = useBoard((state) => state.meta?.rubric.elements ?? NO_ELEMENTS);
  const [scope, setScope] = useState('board');
  const [countdown, setCountdown] = useState<Countdown | null>(null);
  const available = phase !== 'final' && phase !== 'placing';

  useEffect(() => {
    if (!countdown) return;
    if (!available || phase !== countdown.phase) {
      setCountdown(null); // the session moved on meanwhile
      return;
    }
    if (countdown.secondsLeft === 0) {
      setCountdown(null);
      actions.startRound(countdown.cardIds);
      return;
    }
    const tick = setTimeout(
      () => setCountdown({ ...countdown, secondsLeft: countdown.secondsLeft - 1 }),
      1000,
    );
    return () => clearTimeout(tick);
  }, [countdown, available, phase, actions]);

  if (countdown) {
    const element = elements.find((candidate) => candidate.id === countdown.elementId);
    const name = element && rubric ? elementName(rubric, element, tr) : null;
    return (
      <span className="round-countdown" role="status" data-testid="round-countdown">
        {name
          ? t('facilitator.round.countdownElement', {
              round: round + 1,
              element: name.text,
              seconds: countdown.secondsLeft,
            })
          : t('facilitator.round.countdownBoard', {
              round: round + 1,
              seconds: countdown.secondsLeft,
            })}
        <button type="button" className="secondary small-button" onClick={() => setCountdown(null)}>
          {t('facilitator.round.cancel')}
        </button>
      </span>
    );
  }
  if (!available) return null;
  return (
    <Popover label={t('facilitator.round.button')} panelClassName="round-panel">
      {(close) => (
        <div className="new-round">
          <label htmlFor="round-scope">{t('facilitator.round.scope')}</label>
          <select id="round-scope" value={scope} onChange={(event) => setScope(event.target.value)}>
            <option value="board">{t('facilitator.round.wholeBoard')}</option>
            {elements.map((element) => {
              const name = rubric ? elementName(rubric, element, tr) : null;
              return (
                <option key={element.id} value={element.id} lang={name?.lang}>
                  {name?.text}
                </option>
              );
            })}
          </select>
          <p className="hint">{t('facilitator.round.hint')}</p>
          <button
            type="button"
            onClick={() => {
              const element = elements.find((candidate) => candidate.id === scope);
              close();
              setCountdown({
                secondsLeft: ROUND_COUNTDOWN_SECONDS,
                cardIds: element ? element.cards.map((card) => card.id) : null,
                elementId: element ? element.id : null,
                phase,
              });
            }}
          >
            {t('facilitator.round.start')}
          </button>
        </div>
      )}
    </Popover>
  );
}
