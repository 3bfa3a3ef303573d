/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
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
