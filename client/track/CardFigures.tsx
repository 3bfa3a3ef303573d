/** One card's figures in words: the label chip, coverage, outliers and movement since last round. */
import type { Role } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import { groupVisible } from '../../shared/visibility.ts';
import { agreementWords, labelText, pointsChange } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { OrganisationFigures } from './OrganisationFigures.tsx';
import { SinceText } from './SinceBaseline.tsx';

export function CardFigures({
  stats,
  total,
  viewerRole,
  tr: given,
}: {
  stats: CardStats;
  total: number;
  viewerRole: Role;
  /** The language to write in (a shared screen's own); else this person's. */
  tr?: Translator;
}) {
  const own = useTranslator();
  const tr = given ?? own;
  const { summary, change, placedCount } = stats;
  const coverage = (
    <span data-testid="coverage">
      {tr.t('track.figures.coverage', { placed: placedCount, total })}
    </span>
  );
  if (!groupVisible(placedCount, viewerRole)) {
    return (
      <span className="card-figures">
        {coverage}
        {placedCount > 0 && <span className="hint">{tr.t('track.figures.tooFew')}</span>}
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
        {labelText(tr, summary.label)}
      </span>
      {coverage}
      {summary.median !== null && (
        <span>{tr.t('track.figures.median', { median: tr.percent(summary.median) })}</span>
      )}
      {summary.n >= 2 && (
        <span>
          {tr.t('track.figures.agreement', { agreement: agreementWords(tr, summary.rwg) })}
        </span>
      )}
      {summary.outliers.length > 0 && (
        <span className="outlier-hint" data-testid="outlier-hint">
          {tr.t('track.figures.outliers', { count: summary.outliers.length })}
        </span>
      )}
      {change && change.medianChange !== null && (
        <span className="round-change" data-testid="round-change">
          {tr.t('track.figures.roundChange', {
            median: pointsChange(tr, change.medianChange),
            agreementShown: change.rwgChange === null ? 'no' : 'yes',
            agreement: pointsChange(tr, change.rwgChange),
            stable: change.stable === null ? 'unknown' : change.stable ? 'yes' : 'no',
          })}
        </span>
      )}
      {stats.since && <SinceText since={stats.since} tr={tr} />}
      <OrganisationFigures positions={stats.organisations} gap={stats.perceptionGap} tr={tr} />
    </span>
  );
}
