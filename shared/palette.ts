/**
 * The colours Continuum draws with, in one place so the board, the projector and the exported
 * picture agree. Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
 */
import type { ConsensusLabel } from './consensus/cardSummary.ts';

export const PARTICIPANT_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
] as const;

export function colorForIndex(index: number): string {
  return PARTICIPANT_COLORS[index % PARTICIPANT_COLORS.length] ?? '#000000';
}

/** Each consensus label's colour; the label's word always shows beside it, never colour alone. */
export const CONSENSUS_LABEL_COLORS: Readonly<Record<ConsensusLabel, string>> = {
  strong: '#009E73',
  moderate: '#56B4E9',
  weak: '#E69F00',
  polarized: '#CC79A7',
  single: '#BBBBBB',
  'no-data': '#DDDDDD',
};
