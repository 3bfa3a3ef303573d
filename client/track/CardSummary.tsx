/**
 * The group's figures on a card in one sentence, for screen readers: what the card's own chip
 * (and the agreed-position slider) is described by once the group is shown. Hidden from sight;
 * the same figures stand beside the track in CardFigures.tsx.
 */
import type { FinalPosition } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { labelText } from '../format.ts';

export function summaryId(cardId: string): string {
  return `card-summary-${cardId}`;
}

/** "median 70%, strong agreement, 9 of 12 placed" (and the agreed position, when there is one). */
export function groupSummary(
  tr: Translator,
  stats: CardStats,
  total: number,
  shown: boolean,
  agreed: FinalPosition | undefined,
): string {
  const { summary, placedCount } = stats;
  const agreement = {
    hasAgreed: agreed ? 'yes' : 'no',
    agreed: agreed ? tr.percent(agreed.x) : '',
  };
  return shown
    ? tr.t('track.summary.group', {
        hasMedian: summary.median === null ? 'no' : 'yes',
        median: summary.median === null ? '' : tr.percent(summary.median),
        label: labelText(tr, summary.label),
        placed: placedCount,
        total,
        ...agreement,
      })
    : tr.t('track.summary.groupHidden', { placed: placedCount, total, ...agreement });
}

export function CardSummary({ id, text }: { id: string; text: string }) {
  return (
    <span id={id} className="visually-hidden" data-testid="card-summary">
      {text}
    </span>
  );
}
