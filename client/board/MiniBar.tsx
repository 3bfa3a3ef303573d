/**
 * The phone's sticky strip: the timer, the connection, and how far this person is in the open
 * round ("5 of 8"; the facilitator sees how many have finished). The rest of the header scrolls
 * away above it.
 */
import { PHASE_LABELS } from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TimerDisplay } from './TimerDisplay.tsx';

export function MiniBar() {
  const { me } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  const roundSize = useBoard((state) => state.progress.roundSize);
  const placed = useBoard((state) => state.roundPlaced[me.participantId] ?? 0);
  const finished = useBoard((state) => state.progress.finished);
  const total = useBoard((state) => state.progress.total);
  const counted = me.role === 'participant';
  return (
    <div className="mini-bar" data-testid="mini-bar">
      <TimerDisplay withSound={false} />
      <StatusBadge compact />
      <span className="mini-phase">{PHASE_LABELS[phase]}</span>
      <span
        className="mini-progress"
        data-testid="own-progress"
        data-placed={counted ? placed : finished}
        data-of={counted ? roundSize : total}
      >
        {counted ? (
          <>
            <strong>{placed}</strong> of {roundSize}
            <span className="visually-hidden"> cards placed</span>
          </>
        ) : (
          <>
            <strong>{finished}</strong> of {total} finished
          </>
        )}
      </span>
    </div>
  );
}
