/**
 * Setup · Placing · Revealed · Discussing · Final, with the current phase highlighted. For the
 * facilitator each step is a button that moves the session there.
 */
import { PHASES } from '../../shared/boardDoc.ts';
import { PHASE_LABELS } from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function PhaseStepper() {
  const { me, actions } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  const round = useBoard((state) => state.control.round);
  const canSteer = me.role === 'facilitator';
  return (
    <nav
      className="phase-stepper"
      aria-label="Session phase"
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
                onClick={() => actions.setPhase(step)}
                disabled={step === phase}
              >
                {PHASE_LABELS[step]}
              </button>
            ) : (
              <span aria-current={step === phase ? 'step' : undefined}>{PHASE_LABELS[step]}</span>
            )}
          </li>
        ))}
      </ol>
      {round > 1 && <span className="round-badge">Round {round}</span>}
    </nav>
  );
}
