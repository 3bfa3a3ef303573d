/**
 * An element's position (mean of its cards' medians) on a small axis, its agreement, its
 * organisations' figures, and once for the whole element which organisations have too few
 * people to show (cards then show only the organisations with a figure).
 */
import type { ElementOrganisations } from '../../shared/boardStats.ts';
import type { ElementSummary } from '../../shared/consensus/rollUp.ts';
import type { HiddenOrganisations } from '../../shared/hiddenOrganisations.ts';
import { agreementText, percent } from '../format.ts';
import { cssLeft } from '../track/dragGeometry.ts';
import { OrganisationFigures } from '../track/OrganisationFigures.tsx';

export function ElementFigures({
  summary,
  organisations,
  hidden,
}: {
  summary: ElementSummary;
  organisations: ElementOrganisations | undefined;
  hidden: HiddenOrganisations;
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
      <HiddenOrganisationsNote hidden={hidden} />
    </div>
  );
}

function HiddenOrganisationsNote({ hidden }: { hidden: HiddenOrganisations }) {
  const { everywhere, onSomeCards } = hidden;
  if (everywhere.length === 0 && onSomeCards.length === 0) return null;
  return (
    <p className="hidden-organisations" data-testid="hidden-organisations">
      {everywhere.length > 0 && (
        <span>Too few people per organisation to show their figures: {everywhere.join(', ')}.</span>
      )}
      {onSomeCards.length > 0 && (
        <span>
          {everywhere.length > 0 ? ' ' : ''}Too few on some cards to show there:{' '}
          {onSomeCards.join(', ')}.
        </span>
      )}
    </p>
  );
}
