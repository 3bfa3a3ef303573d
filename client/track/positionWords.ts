/**
 * A position on a card's track in words, for screen readers: its percentage toward the right end
 * and, near the ends or the middle, where that is ("72% toward High Performance Partnership",
 * "5% toward …, near Vendor/Contractor"). The axis ends come from the rubric in the reader's
 * language (rubricText.ts axisEnds).
 */
import type { Translator } from '../../shared/i18n/translator.ts';

export type PositionBand = 'atLeft' | 'nearLeft' | 'middle' | 'nearRight' | 'atRight' | 'none';

/** Within this share of an end a position reads "near" it; within this of ½, "in the middle". */
const NEAR_END = 0.15;
const NEAR_MIDDLE = 0.1;

export function positionBand(position: number): PositionBand {
  if (position <= 0) return 'atLeft';
  if (position >= 1) return 'atRight';
  if (position < NEAR_END) return 'nearLeft';
  if (position > 1 - NEAR_END) return 'nearRight';
  if (Math.abs(position - 0.5) <= NEAR_MIDDLE) return 'middle';
  return 'none';
}

export interface AxisEndNames {
  left: string;
  right: string;
}

/** "72% toward High Performance Partnership", or that the card is still in the tray. */
export function positionWords(
  tr: Pick<Translator, 't' | 'percent'>,
  ends: AxisEndNames,
  position: number | null,
): string {
  if (position === null) return tr.t('track.position.notPlaced');
  return tr.t('track.position.valueText', {
    percent: tr.percent(position),
    band: positionBand(position),
    left: ends.left,
    right: ends.right,
  });
}
