/**
 * How the client writes figures and names for people: percentages, agreement, consensus labels
 * and phases. One place, so the board, the projector and the report say the same thing.
 */
import type { Phase } from '../shared/boardDoc.ts';
import type { ConsensusLabel } from '../shared/consensus/cardSummary.ts';
import type { Translator } from '../shared/i18n/translator.ts';

/** A consensus label in words; the word always shows next to the label's colour. */
export function labelText(tr: Translator, label: ConsensusLabel): string {
  return tr.t(`consensus.${label}`);
}

export function phaseText(tr: Translator, phase: Phase): string {
  return tr.t(`phase.${phase}`);
}

/** A 0–1 share as a percentage, or a dash where there is no figure yet. */
export function shareOrDash(tr: Translator, share: number | null | undefined): string {
  return share == null ? tr.t('figure.none') : tr.percent(share);
}

/** A 0–1 agreement figure as a percentage (negative agreement reads as 0 %). */
export function agreementWords(tr: Translator, rwg: number | null): string {
  return rwg === null ? tr.t('figure.none') : tr.percent(Math.max(0, rwg));
}

/** A change between rounds in percentage points, with its sign: "+12 pts", "−3 pts", "±0 pts". */
export function pointsChange(tr: Translator, change: number | null): string {
  if (change === null) return tr.t('figure.none');
  const points = Math.round(change * 100);
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return tr.t('figure.signedPoints', { points, sign, magnitude: Math.abs(points) });
}
