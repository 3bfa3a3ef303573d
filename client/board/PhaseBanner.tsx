/**
 * What the phase means for this screen, said in words: waiting for the facilitator in Setup,
 * and in Final that the board is locked and shows the agreed positions.
 */
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function PhaseBanner() {
  const { me } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  if (phase === 'setup' && me.role !== 'facilitator') {
    return (
      <p className="phase-banner" role="status" data-testid="phase-banner" data-phase={phase}>
        <strong>Waiting for the facilitator to open placing.</strong> The cards are below; you can
        place them once placing opens.
      </p>
    );
  }
  if (phase === 'final') {
    return (
      <p
        className="phase-banner locked"
        role="status"
        data-testid="phase-banner"
        data-phase={phase}
      >
        <strong>The board is locked — these are the agreed positions.</strong>{' '}
        {me.role === 'facilitator'
          ? 'Choose another phase to reopen it.'
          : 'Nothing can be moved any more.'}
      </p>
    );
  }
  return null;
}
