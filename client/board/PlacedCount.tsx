/**
 * "21 of 30 finished": counted people (participants and proxies, not the facilitator or
 * observers) who placed every card of the open round in it (shared/roomProgress.ts).
 */
import { useBoard } from '../state/BoardContext.tsx';

export function PlacedCount() {
  const total = useBoard((state) => state.progress.total);
  const finished = useBoard((state) => state.progress.finished);
  return (
    <span className="placed-count" data-testid="board-placed-count">
      {finished} of {total} finished
    </span>
  );
}
