/**
 * "9 of 12 have placed": counted participants (not the facilitator or observers) with at least
 * one card placed in its current round.
 */
import { countedParticipantIds } from '../../shared/boardStats.ts';
import { useBoard } from './BoardContext.tsx';

export function PlacedCount() {
  const total = useBoard((state) => countedParticipantIds(state.participants).length);
  const placed = useBoard((state) => {
    const ids = new Set<string>();
    for (const stats of Object.values(state.stats)) {
      for (const entry of stats.placed) ids.add(entry.participantId);
    }
    return ids.size;
  });
  return (
    <span className="placed-count" data-testid="board-placed-count">
      {placed} of {total} have placed
    </span>
  );
}
