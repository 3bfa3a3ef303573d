/**
 * The report's sentences about figures that may be missing: each says what is true ("not
 * measured: fewer than 2 placements") instead of printing a dash where a figure would be. In
 * the report's language (`tr`); a card's figures are separate facts, set apart by " · ".
 */
import type { ElementSummary } from '../../shared/consensus/rollUp.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import type { LatestFigures } from '../../shared/latestFigures.ts';
import type { OrganisationPosition } from '../../shared/perceptionGap.ts';
import { MIN_PLACEMENTS_FOR_DOTS } from '../../shared/visibility.ts';
import { agreementWords, labelText } from '../format.ts';

const SEPARATOR = ' · ';

/** An element's position, or why there is none. */
export function elementPositionText(
  tr: Translator,
  summary: ElementSummary | undefined,
  cards: readonly (LatestFigures | undefined)[],
): string {
  if (summary?.position != null) return tr.percent(summary.position);
  const placed = cards.some((card) => card && card.placed > 0);
  return placed ? tr.t('report.figures.tooFewToShow') : tr.t('consensus.no-data');
}

/** An element's agreement, or why it was not measured. */
export function elementAgreementText(tr: Translator, summary: ElementSummary | undefined): string {
  if (summary?.rwgJ != null) return agreementWords(tr, summary.rwgJ);
  return summary?.position != null
    ? tr.t('report.figures.noCardWithTwo')
    : tr.t('report.figures.notMeasured');
}

/** The organisations' figures: those with a median, then once the ones with too few. */
export function organisationsText(
  tr: Translator,
  positions: readonly OrganisationPosition[],
): string {
  const parts = positions.flatMap((p) =>
    p.median === null
      ? []
      : [
          tr.t('report.figures.organisation', {
            organisation: p.organisation,
            position: tr.percent(p.median),
          }),
        ],
  );
  const few = positions.filter((p) => p.median === null).map((p) => p.organisation);
  if (few.length > 0) {
    parts.push(tr.t('report.figures.organisationsTooFew', { organisations: tr.list(few) }));
  }
  return parts.join(SEPARATOR);
}

/**
 * A card's figures in one line: its label, how many placed it, its median, middle half and
 * agreement; the clauses a figure is missing for are left out, and a hidden group says why.
 */
export function cardFiguresText(tr: Translator, latest: LatestFigures, total: number): string {
  const { summary, placed } = latest;
  if (placed === 0) return tr.t('report.figures.notPlaced');
  const count =
    latest.fromRound === null
      ? tr.t('report.figures.placedOfTotal', { placed, total })
      : tr.t('report.figures.placed', { placed });
  if (summary.median === null) return [count, hiddenReason(tr, latest)].join(SEPARATOR);
  const clauses = [
    labelText(tr, summary.label),
    count,
    tr.t('report.figures.median', { median: tr.percent(summary.median) }),
  ];
  if (summary.q1 !== null && summary.q3 !== null) {
    clauses.push(
      tr.t('report.figures.middleHalf', { q1: tr.percent(summary.q1), q3: tr.percent(summary.q3) }),
    );
  }
  clauses.push(
    summary.rwg === null
      ? tr.t('report.figures.agreementNotMeasured')
      : tr.t('report.figures.agreement', { agreement: agreementWords(tr, summary.rwg) }),
  );
  return clauses.join(SEPARATOR);
}

/** Why a card with placements shows no group figures on this screen. */
export function hiddenReason(tr: Translator, latest: LatestFigures): string {
  if (latest.placed < MIN_PLACEMENTS_FOR_DOTS) {
    return tr.t('report.figures.hiddenFew', { min: MIN_PLACEMENTS_FOR_DOTS });
  }
  return latest.fromRound === null
    ? tr.t('report.figures.hiddenUntilReveal')
    : tr.t('report.figures.hiddenClosed');
}

/** The whole board's sentence, or nothing when no card has a position yet. */
export function boardSentence(tr: Translator, position: number | null, rwg: number | null): string {
  if (position === null) return '';
  return tr.t('report.header.board', {
    position: tr.percent(position),
    agreement: rwg === null ? 'none' : agreementWords(tr, rwg),
  });
}

/** A change between rounds in words where a figure is missing. */
export function medianOrWhy(tr: Translator, median: number | null): string {
  return median === null ? tr.t('report.figures.tooFew') : tr.percent(median);
}
