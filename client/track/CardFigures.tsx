/** One card's figures in words: the label chip, coverage, outliers and movement since last round. */
import type { Role } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import { groupVisible } from '../../shared/visibility.ts';
import { agreementText, LABEL_TEXT, percent } from '../format.ts';
import { OrganisationFigures } from './OrganisationFigures.tsx';

export function CardFigures({
  stats,
  total,
  viewerRole,
}: {
  stats: CardStats;
  total: number;
  viewerRole: Role;
}) {
  const { summary, change, placedCount } = stats;
  if (!groupVisible(placedCount, viewerRole)) {
    return (
      <span className="card-figures">
        <span data-testid="coverage">
          {placedCount} of {total} placed
        </span>
        {placedCount > 0 && <span className="hint">too few placements to show the group</span>}
      </span>
    );
  }
  return (
    <span className="card-figures">
      <span
        className={`label-chip label-${summary.label}`}
        data-testid="consensus-label"
        data-label={summary.label}
        style={{ borderColor: CONSENSUS_LABEL_COLORS[summary.label] }}
      >
        <span
          className="label-swatch"
          style={{ background: CONSENSUS_LABEL_COLORS[summary.label] }}
        />
        {LABEL_TEXT[summary.label]}
      </span>
      <span data-testid="coverage">
        {placedCount} of {total} placed
      </span>
      {summary.median !== null && <span>median {percent(summary.median)}</span>}
      {summary.n >= 2 && <span>agreement {agreementText(summary.rwg)}</span>}
      {summary.outliers.length > 0 && (
        <span className="outlier-hint" data-testid="outlier-hint">
          {summary.outliers.length === 1
            ? 'one placement far from the group'
            : `${summary.outliers.length} placements far from the group`}
        </span>
      )}
      {change && change.medianChange !== null && (
        <span className="round-change" data-testid="round-change">
          since last round: median {change.medianChange >= 0 ? '+' : '−'}
          {percent(Math.abs(change.medianChange))}
          {change.rwgChange !== null &&
            `, agreement ${change.rwgChange >= 0 ? '+' : '−'}${agreementText(Math.abs(change.rwgChange))}`}
          {change.stable !== null && (change.stable ? ' · stable' : ' · still moving')}
        </span>
      )}
      <OrganisationFigures positions={stats.organisations} gap={stats.perceptionGap} />
    </span>
  );
}
