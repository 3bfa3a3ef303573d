/**
 * An element's position (mean of its cards' medians) on a small axis, its agreement, its
 * organisations' figures, and once for the whole element which organisations have too few
 * people to show (cards then show only the organisations with a figure).
 */
import type { ElementOrganisations } from '../../shared/boardStats.ts';
import type { ElementSummary } from '../../shared/consensus/rollUp.ts';
import type { SinceRollUp } from '../../shared/consensus/sinceBaseline.ts';
import type { HiddenOrganisations } from '../../shared/hiddenOrganisations.ts';
import { agreementWords } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { cssLeft } from '../track/dragGeometry.ts';
import { OrganisationFigures } from '../track/OrganisationFigures.tsx';
import { SinceText } from '../track/SinceBaseline.tsx';
import { richMessage } from './richMessage.tsx';

export function ElementFigures({
  summary,
  organisations,
  hidden,
  since,
}: {
  summary: ElementSummary;
  organisations: ElementOrganisations | undefined;
  hidden: HiddenOrganisations;
  /** Then and now over the element's cards with a baseline, when it has one. */
  since: SinceRollUp | null;
}) {
  const tr = useTranslator();
  const { t } = tr;
  if (summary.position === null) {
    return <p className="element-figures muted">{t('board.element.noPlacements')}</p>;
  }
  return (
    <div className="element-figures" data-testid="element-figures">
      <div className="mini-axis" aria-hidden="true">
        {since && (
          <span className="mini-marker mini-then" style={{ left: cssLeft(since.earlier) }} />
        )}
        <span className="mini-marker" style={{ left: cssLeft(summary.position) }} />
      </div>
      <span>
        {richMessage(
          tr,
          'board.element.position',
          {},
          { position: <strong>{tr.percent(summary.position)}</strong> },
        )}
      </span>
      <span>{t('board.element.agreement', { agreement: agreementWords(tr, summary.rwgJ) })}</span>
      {since && <SinceText since={since} />}
      {summary.polarizedCount > 0 && (
        <span className="polarized-note">
          {t('board.element.split', { count: summary.polarizedCount })}
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
  const tr = useTranslator();
  const { everywhere, onSomeCards } = hidden;
  if (everywhere.length === 0 && onSomeCards.length === 0) return null;
  return (
    <p className="hidden-organisations" data-testid="hidden-organisations">
      {everywhere.length > 0 && (
        <span>
          {tr.t('board.element.hiddenEverywhere', { organisations: tr.list(everywhere) })}
        </span>
      )}
      {everywhere.length > 0 && onSomeCards.length > 0 && ' '}
      {onSomeCards.length > 0 && (
        <span>
          {tr.t('board.element.hiddenOnSomeCards', { organisations: tr.list(onSomeCards) })}
        </span>
      )}
    </p>
  );
}
