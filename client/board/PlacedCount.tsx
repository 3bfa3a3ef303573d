/**
 * "9 of 12 have placed": counted participants (not the facilitator or observers) with at least
 * one card placed in its current round.
 */
import { useBoard } from '../state/BoardContext.tsx';

export function PlacedCount() {
  const total = useBoard((state) => state.countedTotal);
  const placed = useBoard((state) => Object.keys(state.placedCounts).length);
  return (
    <span className="placed-count" data-testid="board-placed-count">
      {placed} of {total} have placed
    </span>
  );
}
