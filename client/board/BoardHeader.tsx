/**
 * The board's header: its title, timer and connection; the phase, the board's figures and the
 * view switches; who has placed, who is here, and who this screen is.
 */
import { forgetIdentity } from '../identity.ts';
import { navigate } from '../routes.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { BoardFigures } from './BoardFigures.tsx';
import { FollowToggle } from './FollowToggle.tsx';
import { PhaseStepper } from './PhaseStepper.tsx';
import { PlacedCount } from './PlacedCount.tsx';
import { PresenceBar } from './PresenceBar.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TimerDisplay } from './TimerDisplay.tsx';
import { ViewToggle } from './ViewToggle.tsx';

export function BoardHeader() {
  const title = useBoard((state) => state.meta?.title ?? '');
  const { me, boardId } = useBoardContext();
  return (
    <header className="board-header">
      <div className="board-title-row">
        <h1 className="board-title">{title || 'Continuum'}</h1>
        <TimerDisplay />
        <StatusBadge />
      </div>
      <div className="board-meta-row">
        <PhaseStepper />
        <BoardFigures />
        <ViewToggle />
        <FollowToggle />
      </div>
      <div className="board-meta-row">
        <PlacedCount />
        <PresenceBar />
        <span className="whoami">
          {me.role === 'facilitator'
            ? 'You are the facilitator'
            : me.role === 'observer'
              ? 'You are watching'
              : `You are ${me.name}`}
          {me.role !== 'facilitator' && (
            <>
              {' · '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  forgetIdentity(boardId);
                  navigate(`/join/${boardId}`);
                }}
              >
                Not you?
              </button>
            </>
          )}
        </span>
      </div>
    </header>
  );
}
