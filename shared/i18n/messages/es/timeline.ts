import type { timeline as english } from '../en/timeline.ts';

export const timeline: Record<keyof typeof english, string> = {
  'timeline.replay.button': 'Repetición',
  'timeline.replay.title': 'Repetición de la jornada',
  'timeline.replay.label': 'Repetición de las cifras del tablero a lo largo de la jornada',
  'timeline.replay.marker': 'Repetición',
  'timeline.replay.back': 'Volver al directo',
  'timeline.replay.slider': 'Momento de la jornada',
  'timeline.replay.moment':
    '{time} · {phase}{round, plural, =1 {} other {, ronda #}} · {index, number} de {count, number}',
  'timeline.replay.loading': 'Cargando las cifras de la jornada…',
  'timeline.replay.failed': 'No se pudieron cargar las cifras de la jornada. {reason}',
  'timeline.replay.retry': 'Reintentar',
  'timeline.replay.empty':
    'Aún no hay nada registrado. Las cifras del tablero se registran una vez por minuto mientras se colocan tarjetas, y en cada cambio de fase y de ronda, para las tarjetas con al menos tres colocaciones.',
  'timeline.replay.element': '{position} · acuerdo {agreement}',
  'timeline.replay.card':
    'mediana {median} · dispersión (RIC) {iqr} · acuerdo {agreement} · {n, plural, one {# colocación} other {# colocaciones}}',
  'timeline.replay.retired': '(retirada después)',
  'timeline.replay.noCard': 'menos de tres colocaciones',
  'timeline.chart.heading': 'A lo largo de la jornada',
  'timeline.chart.intro':
    'La posición (línea) y el acuerdo (discontinua) de cada elemento tal como los registró el tablero; las líneas de puntos marcan los cambios de fase y de ronda.',
  'timeline.chart.from': 'desde las {time}',
  'timeline.chart.to': 'hasta las {time}',
  'timeline.chart.none': 'No se registró nada a lo largo de la jornada.',
  'timeline.chart.label':
    '{element}: posición de {first} a {last}, acuerdo de {firstAgreement} a {lastAgreement}, de {from} a {to}',
  'timeline.chart.empty': 'Ninguna tarjeta tuvo tres colocaciones.',
  'timeline.chart.position': 'posición',
  'timeline.chart.agreement': 'acuerdo',
};
