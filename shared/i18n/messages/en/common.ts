/** Words every part of the interface shares: phases, consensus labels, figures, languages. */
export const common = {
  'phase.setup': 'Setup',
  'phase.placing': 'Placing',
  'phase.revealed': 'Revealed',
  'phase.discussing': 'Discussing',
  'phase.final': 'Final',
  'consensus.strong': 'strong agreement',
  'consensus.moderate': 'moderate agreement',
  'consensus.weak': 'weak agreement',
  'consensus.polarized': 'polarized',
  'consensus.single': 'one placement',
  'consensus.no-data': 'not placed yet',
  'figure.none': '—',
  'figure.signedPoints':
    '{points, plural, =0 {±0 pts} other {{sign}{magnitude, number} {magnitude, plural, one {pt} other {pts}}}}',
  'name.facilitator': 'Facilitator',
  'name.coFacilitator': 'Co-facilitator',
  'name.projector': 'Projector',
  'name.observer': 'Observer',
  'name.participant': 'Participant {number}',
  'language.label': 'Language',
  'error.generic': 'Something went wrong. Please try again.',
} as const;
