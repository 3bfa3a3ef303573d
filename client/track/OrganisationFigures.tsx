/**
 * Each partner organisation's median on a card or element, and the perception gap between them,
 * named small, notable or large (shared/perceptionGapLevel.ts) in words as well as colour.
 * Organisations with too few placements to show are left out here: the element says once which
 * they are (ElementFigures.tsx), rather than every card repeating "too few to show".
 */
import type { OrganisationPosition } from '../../shared/perceptionGap.ts';
import { perceptionGapLevel } from '../../shared/perceptionGapLevel.ts';
import { percent } from '../format.ts';

export function OrganisationFigures({
  positions,
  gap,
}: {
  positions: readonly OrganisationPosition[];
  gap: number | null;
}) {
  const shown = positions.filter(
    (position): position is OrganisationPosition & { median: number } => position.median !== null,
  );
  if (shown.length === 0) return null;
  return (
    <span className="organisation-figures" data-testid="organisation-figures">
      {shown.map((position) => (
        <span key={position.organisation} className="organisation-median">
          {position.organisation}: <strong>{percent(position.median)}</strong>
        </span>
      ))}
      {gap !== null && <PerceptionGap gap={gap} />}
    </span>
  );
}

export function PerceptionGap({ gap }: { gap: number }) {
  const level = perceptionGapLevel(gap);
  return (
    <span
      className={`perception-gap gap-${level}`}
      data-testid="perception-gap"
      data-level={level}
      title="The largest difference between partner organisations' medians"
    >
      {level} perception gap {percent(gap)}
    </span>
  );
}
