/** An element's position (mean of its cards' medians) on a small axis, and its agreement. */
import type { ElementOrganisations } from '../../shared/boardStats.ts';
import type { ElementSummary } from '../../shared/consensus/rollUp.ts';
import { agreementText, percent } from '../format.ts';
import { cssLeft } from '../track/dragGeometry.ts';
import { OrganisationFigures } from '../track/OrganisationFigures.tsx';

export function ElementFigures({
  summary,
  organisations,
}: {
  summary: ElementSummary;
  organisations: ElementOrganisations | undefined;
}) {
  if (summary.position === null) {
    return <p className="element-figures muted">No placements yet</p>;
  }
  return (
    <div className="element-figures" data-testid="element-figures">
      <div className="mini-axis" aria-hidden="true">
        <span className="mini-marker" style={{ left: cssLeft(summary.position) }} />
      </div>
      <span>
        position <strong>{percent(summary.position)}</strong> toward partnership
      </span>
      <span>agreement {agreementText(summary.rwgJ)}</span>
      {summary.polarizedCount > 0 && (
        <span className="polarized-note">
          {summary.polarizedCount === 1
            ? 'one card split'
            : `${summary.polarizedCount} cards split`}
        </span>
      )}
      {organisations && (
        <OrganisationFigures
          positions={organisations.positions}
          gap={organisations.perceptionGap}
        />
      )}
    </div>
  );
}
