/**
 * The room in counts instead of faces: "27 here · 21 finished · 6 placing" (shared/
 * roomProgress.ts), one click from the list of everyone. The numbers sit in data attributes
 * too, for the room test.
 */
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';
import { PeopleList } from './PeopleList.tsx';
import { Popover } from './Popover.tsx';
import { richMessage } from './richMessage.tsx';

export function RoomProgress() {
  const tr = useTranslator();
  const progress = useBoard((state) => state.progress);
  // Outside the placing phase nobody is placing: the word would not be true.
  const placingOpen = useBoard((state) => state.control.phase === 'placing');
  return (
    <Popover
      className="room-progress"
      title={tr.t('board.people.title')}
      label={
        <span
          data-testid="room-progress"
          data-here={progress.here}
          data-finished={progress.finished}
          data-placing={progress.placing}
          data-total={progress.total}
        >
          {richMessage(
            tr,
            placingOpen ? 'board.room.countsPlacing' : 'board.room.counts',
            { finished: progress.finished },
            {
              hereShown: <strong>{tr.number(progress.here)}</strong>,
              finishedShown: <strong>{tr.number(progress.finished)}</strong>,
              placingShown: <strong>{tr.number(progress.placing)}</strong>,
            },
          )}
        </span>
      }
    >
      <PeopleList />
    </Popover>
  );
}
