import type { common as english } from '../en/common.ts';

export const common: Record<keyof typeof english, string> = {
  'phase.setup': 'Preparación',
  'phase.placing': 'Colocación',
  'phase.revealed': 'Revelado',
  'phase.discussing': 'Debate',
  'phase.final': 'Final',
  'consensus.strong': 'acuerdo fuerte',
  'consensus.moderate': 'acuerdo moderado',
  'consensus.weak': 'acuerdo débil',
  'consensus.polarized': 'polarizado',
  'consensus.single': 'una colocación',
  'consensus.no-data': 'sin colocar aún',
  'figure.none': '—',
  'figure.signedPoints': '{points, plural, =0 {±0 pp} other {{sign}{magnitude, number} pp}}',
  'name.facilitator': 'Facilitador/a',
  'name.coFacilitator': 'Cofacilitador/a',
  'name.projector': 'Proyector',
  'name.observer': 'Observador/a',
  'name.participant': 'Participante {number}',
  'language.label': 'Idioma',
  'error.generic': 'Algo salió mal. Inténtalo de nuevo.',
};
