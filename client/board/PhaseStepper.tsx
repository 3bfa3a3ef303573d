/**
 * Setup · Placing · Revealed · Discussing · Final, with the current phase highlighted. For the
 * facilitator each step is a button that moves the session there; showing the placements to
 * the room and locking the board ask first (phaseConfirmation.ts), in a small panel under the
 * steps: Escape or Cancel leaves the phase as it was and gives the focus back.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { PHASES, type Phase } from '../../shared/boardDoc.ts';
import { phaseText } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { phaseConfirmation } from './phaseConfirmation.ts';

export function PhaseStepper() {
  const tr = useTranslator();
  const { t } = tr;
  const { me, actions } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  const round = useBoard((state) => state.control.round);
  const canSteer = me.role === 'facilitator';
  const [asking, setAsking] = useState<Phase | null>(null);
  const asker = useRef<HTMLButtonElement | null>(null);
  const confirmButton = useRef<HTMLButtonElement | null>(null);
  const questionId = useId();
  const confirmation = asking ? phaseConfirmation(phase, asking) : null;

  // Another facilitator may have moved the session meanwhile: a stale question goes.
  useEffect(() => {
    if (asking && !phaseConfirmation(phase, asking)) setAsking(null);
  }, [phase, asking]);
  useEffect(() => {
    if (confirmation) confirmButton.current?.focus();
  }, [confirmation]);

  const cancel = () => {
    setAsking(null);
    asker.current?.focus();
  };

  return (
    <nav
      className="phase-stepper"
      aria-label={t('board.phase.label')}
      data-testid="phase"
      data-phase={phase}
    >
      <ol>
        {PHASES.map((step) => (
          <li key={step} className={step === phase ? 'current' : undefined}>
            {canSteer ? (
              <button
                type="button"
                aria-current={step === phase ? 'step' : undefined}
                aria-expanded={phaseConfirmation(phase, step) ? asking === step : undefined}
                onClick={(event) => {
                  if (phaseConfirmation(phase, step)) {
                    asker.current = event.currentTarget;
                    setAsking(asking === step ? null : step);
                  } else {
                    setAsking(null);
                    actions.setPhase(step);
                  }
                }}
                disabled={step === phase}
              >
                {phaseText(tr, step)}
              </button>
            ) : (
              <span aria-current={step === phase ? 'step' : undefined}>{phaseText(tr, step)}</span>
            )}
          </li>
        ))}
      </ol>
      {round > 1 && <span className="round-badge">{t('board.phase.round', { round })}</span>}
      {asking && confirmation && (
        <div
          className="phase-confirm"
          role="alertdialog"
          aria-modal="false"
          aria-describedby={questionId}
          aria-label={t(confirmation.confirm)}
          data-testid="phase-confirm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              cancel();
            }
          }}
        >
          <p id={questionId}>{t(confirmation.question)}</p>
          <div className="phase-confirm-buttons">
            <button
              type="button"
              ref={confirmButton}
              onClick={() => {
                setAsking(null);
                actions.setPhase(asking);
              }}
            >
              {t(confirmation.confirm)}
            </button>
            <button type="button" className="secondary" onClick={cancel}>
              {t('board.phase.cancel')}
            </button>
          </div>
        </div>
      )}
    </nav>
  );
}
