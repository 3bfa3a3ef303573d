/**
 * Each partner organisation's median on a card or element and the perception gap between them;
 * "too few to show" below three placements so nobody is singled out.
 */
import type { OrganisationPosition } from '../../shared/perceptionGap.ts';
import { percent } from '../format.ts';

export function OrganisationFigures({
  positions,
  gap,
}: {
  positions: readonly OrganisationPosition[];
  gap: number | null;
}) {
  if (positions.length === 0) return null;
  return (
    <span className="organisation-figures" data-testid="organisation-figures">
      {positions.map((position) => (
        <span key={position.organisation} className="organisation-median">
          {position.organisation}:{' '}
          {position.median === null ? (
            <em>too few to show</em>
          ) : (
            <strong>{percent(position.median)}</strong>
          )}
        </span>
      ))}
      {gap !== null && (
        <span className="perception-gap" data-testid="perception-gap">
          perception gap {percent(gap)}
        </span>
      )}
    </span>
  );
}
