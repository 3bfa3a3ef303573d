/** "9 of 12 have placed": participants (not the facilitator or observers) with any card placed. */
import { useBoard } from './BoardContext.tsx';

export function PlacedCount() {
  const participants = useBoard((state) => state.participants);
  const placements = useBoard((state) => state.placements);
  const counted = Object.entries(participants).filter(
    ([, p]) => p.role === 'participant' && !p.removed,
  );
  const placed = new Set<string>();
  for (const byParticipant of Object.values(placements)) {
    for (const id of Object.keys(byParticipant)) placed.add(id);
  }
  const placedCount = counted.filter(([id]) => placed.has(id)).length;
  return (
    <span className="placed-count" data-testid="board-placed-count">
      {placedCount} of {counted.length} have placed
    </span>
  );
}
