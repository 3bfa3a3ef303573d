/**
 * How the client writes figures and names for people: percentages, agreement, consensus labels
 * and phases. One place, so the board, the projector and the report say the same thing.
 */
import type { Phase } from '../shared/boardDoc.ts';
import type { ConsensusLabel } from '../shared/consensus/cardSummary.ts';

/** Consensus labels as words; the word always shows next to the label's colour (shared/palette.ts). */
export const LABEL_TEXT: Record<ConsensusLabel, string> = {
  strong: 'strong agreement',
  moderate: 'moderate agreement',
  weak: 'weak agreement',
  polarized: 'polarized',
  single: 'one placement',
  'no-data': 'not placed yet',
};

export const PHASE_LABELS: Record<Phase, string> = {
  setup: 'Setup',
  placing: 'Placing',
  revealed: 'Revealed',
  discussing: 'Discussing',
  final: 'Final',
};

/** A 0–1 figure (a position, a share) as a rounded percentage. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** percent(), or a dash where there is no figure yet. */
export function percentOrDash(share: number | null | undefined): string {
  return share == null ? '—' : percent(share);
}

/** A 0–1 agreement figure as a percentage people can read (negative agreement reads as 0 %). */
export function agreementText(rwg: number | null): string {
  return rwg === null ? '—' : percent(Math.max(0, rwg));
}

/** A change between rounds in percentage points, with its sign: "+12 pts", "−3 pts", "±0 pts". */
export function signedPoints(change: number | null): string {
  if (change === null) return '—';
  const points = Math.round(change * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} pts`;
}
