/** Consensus labels as words and colour-blind-safe colours (Okabe–Ito); the word always shows. */
import type { ConsensusLabel } from '../../shared/consensus/cardSummary.ts';

export const LABEL_TEXT: Record<ConsensusLabel, string> = {
  strong: 'strong agreement',
  moderate: 'moderate agreement',
  weak: 'weak agreement',
  polarized: 'polarized',
  single: 'one placement',
  'no-data': 'not placed yet',
};

export const LABEL_COLOR: Record<ConsensusLabel, string> = {
  strong: '#009E73',
  moderate: '#56B4E9',
  weak: '#E69F00',
  polarized: '#CC79A7',
  single: '#BBBBBB',
  'no-data': '#DDDDDD',
};

/** A 0–1 agreement figure as a percentage people can read. */
export function agreementText(rwg: number | null): string {
  return rwg === null ? '—' : `${Math.round(Math.max(0, rwg) * 100)}%`;
}
