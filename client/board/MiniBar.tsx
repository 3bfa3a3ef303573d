/**
 * The phone's sticky strip: the timer, the connection, and how far this person is in the open
 * round ("5 of 8"; the facilitator sees how many have finished). The rest of the header scrolls
 * away above it.
 */
import { ownElementProgress } from '../../shared/elementProgress.ts';
import { rubricCards } from '../../shared/rubric.ts';
import { phaseText } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { richMessage } from './richMessage.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TimerDisplay } from './TimerDisplay.tsx';

export function MiniBar() {
  const tr = useTranslator();
  const { me } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  const roundSize = useBoard((state) => state.progress.roundSize);
  // From this device's own placements, so it moves offline too (the room's counts wait for the
  // server).
  const placed = useBoard((state) =>
    state.meta
      ? ownElementProgress({
          cardIds: rubricCards(state.meta.rubric).map((card) => card.id),
          control: state.control,
          roundOf: (cardId) => state.stats[cardId]?.round ?? 1,
          placements: state.placements,
          participantId: me.participantId,
        }).placed
      : 0,
  );
  const finished = useBoard((state) => state.progress.finished);
  const total = useBoard((state) => state.progress.total);
  const counted = me.role === 'participant';
  return (
    <aside className="mini-bar" data-testid="mini-bar" aria-label={tr.t('board.mini.label')}>
      <TimerDisplay withSound={false} />
      <StatusBadge compact />
      <span className="mini-phase">{phaseText(tr, phase)}</span>
      <span
        className="mini-progress"
        data-testid="own-progress"
        data-placed={counted ? placed : finished}
        data-of={counted ? roundSize : total}
        // The short form ("5 of 8") shows from CSS, hidden from screen readers, which read the
        // whole sentence instead: one text for both.
        data-short={counted ? tr.t('board.mini.ownShort', { placed, total: roundSize }) : undefined}
      >
        {counted ? (
          <span className="visually-hidden">
            {tr.t('board.mini.ownLong', { placed, total: roundSize })}
          </span>
        ) : (
          richMessage(
            tr,
            'board.mini.room',
            { total },
            { finished: <strong>{tr.number(finished)}</strong> },
          )
        )}
      </span>
    </aside>
  );
}
