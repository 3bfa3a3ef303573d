/**
 * The room in counts instead of faces: "27 here · 21 finished · 6 placing" (shared/
 * roomProgress.ts), one click from the list of everyone. The numbers sit in data attributes
 * too, for the room test.
 */
import { useBoard } from '../state/BoardContext.tsx';
import { PeopleList } from './PeopleList.tsx';
import { Popover } from './Popover.tsx';

export function RoomProgress() {
  const progress = useBoard((state) => state.progress);
  // Outside the placing phase nobody is placing: the word would not be true.
  const placingOpen = useBoard((state) => state.control.phase === 'placing');
  return (
    <Popover
      className="room-progress"
      title="People on the board"
      label={
        <span
          data-testid="room-progress"
          data-here={progress.here}
          data-finished={progress.finished}
          data-placing={progress.placing}
          data-total={progress.total}
        >
          <strong>{progress.here}</strong> here · <strong>{progress.finished}</strong> finished
          {placingOpen && (
            <>
              {' '}
              · <strong>{progress.placing}</strong> placing
            </>
          )}
        </span>
      }
    >
      <PeopleList />
    </Popover>
  );
}
