import type { report as english } from '../en/report.ts';

export const report: Record<keyof typeof english, string> = {
  'report.header.meta':
    'Tablero del {created} · informe del {printed} · {phase}{round, plural, =1 {} other {, ronda #}} · {total, plural, one {# participante} other {# participantes}}{organisations, select, none {} other { de {organisations}}}',
  'report.header.axis': 'Cada indicador se colocó entre {start} ({zero}) y {end} ({full}).',
  'report.header.board':
    'En conjunto, el grupo situó la alianza en {position}{agreement, select, none {} other {, con un acuerdo del {agreement}}}.',
  'report.header.earlierNote':
    'Una tarjeta que nadie volvió a colocar en una ronda posterior muestra las cifras de su última ronda, marcadas con esa ronda.',
  'report.header.print': 'Imprimir o guardar como PDF',
  'report.picture.alt':
    'El tablero: cada tarjeta en su posición acordada o en la mediana del grupo',
  'report.elements.heading': '{count, plural, one {El elemento} other {Los # elementos}}',
  'report.elements.element': 'Elemento',
  'report.elements.position': 'Posición',
  'report.elements.agreement': 'Acuerdo',
  'report.elements.polarized': 'Tarjetas polarizadas',
  'report.elements.organisations': 'Organizaciones (brecha de percepción)',
  'report.elements.earlier':
    '{count, plural, one {# tarjeta} other {# tarjetas}} con cifras de la ronda {rounds}',
  'report.elements.organisationsNotKept': 'no se conservan para rondas anteriores en esta pantalla',
  'report.elements.gap': '(brecha {gap})',
  'report.cards.heading': 'Tarjetas, en el orden en que conviene debatirlas',
  'report.cards.fromRound': 'de la ronda {round}',
  'report.cards.gap': 'brecha de percepción {gap}',
  'report.cards.agreed': 'Posición acordada: {position}',
  'report.cards.agreedWithNote': 'Posición acordada: {position}. {note}',
  'report.rounds.heading': 'Cómo se movió el grupo entre rondas',
  'report.rounds.one': 'Hubo una sola ronda.',
  'report.rounds.summary': '{count, number} rondas; {closed}.',
  'report.rounds.closed':
    'la ronda {round} se cerró con {cards, plural, one {# tarjeta} other {# tarjetas}}',
  'report.rounds.noneToCompare':
    'Todavía ninguna tarjeta tiene cifras para comparar con su ronda anterior.',
  'report.rounds.notPlacedAgain':
    '{count, plural, one {# tarjeta no se volvió a colocar; arriba muestra} other {# tarjetas no se volvieron a colocar; arriba muestran}} las cifras de su última ronda.',
  'report.rounds.card': 'Tarjeta',
  'report.rounds.median': 'Mediana antes → ahora',
  'report.rounds.agreementChange': 'Cambio en el acuerdo',
  'report.rounds.distribution': 'Distribución',
  'report.rounds.change': '{before} → {after}',
  'report.rounds.stable': 'estable',
  'report.rounds.moving': 'todavía en movimiento',
  'report.figures.notMeasured': 'sin medir',
  'report.figures.tooFewToShow': 'muy pocas colocaciones para mostrarla',
  'report.figures.tooFew': 'muy pocas para mostrar',
  'report.figures.noCardWithTwo': 'sin medir: ninguna tarjeta tiene 2 colocaciones',
  'report.figures.organisation': '{organisation} {position}',
  'report.figures.organisationsTooFew': 'muy pocas colocaciones para mostrar: {organisations}',
  'report.figures.notPlaced': 'Sin colocar aún.',
  'report.figures.placedOfTotal': '{placed, number} de {total, number} la colocaron',
  'report.figures.placed': '{placed, number} la colocaron',
  'report.figures.median': 'mediana {median}',
  'report.figures.middleHalf': 'mitad central {q1}–{q3}',
  'report.figures.agreement': 'acuerdo {agreement}',
  'report.figures.agreementNotMeasured': 'acuerdo sin medir: menos de 2 colocaciones',
  'report.figures.hiddenFew':
    'muy pocas colocaciones para mostrar al grupo (menos de {min, number})',
  'report.figures.hiddenUntilReveal': 'las cifras del grupo se muestran después de revelar',
  'report.figures.hiddenClosed': 'esa ronda se cerró antes de mostrar al grupo',
  'report.picture.subtitle': '{date} · {phase}{round, plural, =1 {} other { · ronda #}}',
  'report.picture.legend':
    '{subtitle}. Notas: tarjetas en su posición acordada o, si no, en la mediana del grupo; bigotes: la mitad central; puntos: colocaciones; triángulo: la posición del elemento; líneas discontinuas: cifras de una ronda anterior.',
  'report.picture.sinceLegend':
    'Flechas: desde donde estaba el grupo en el último retiro (◇) hasta su mediana de hoy; en azul y gruesas cuando el cambio supera la mitad de la dispersión de la mitad central del grupo.',
  'report.picture.sinceArrow': 'último retiro {before} → ahora {now}',
  'report.picture.sinceAlt':
    'El tablero desde el último retiro: una flecha por tarjeta, del antes al ahora.',
  'report.since.heading': 'Desde el último retiro',
  'report.since.intro':
    'Antes: donde estaba el grupo en el último retiro (la posición acordada, o si no su mediana). Ahora: su mediana de hoy.',
  'report.since.source': 'Comparado con «{title}» ({date}).',
  'report.since.card': 'Tarjeta',
  'report.since.then': 'Último retiro',
  'report.since.now': 'Ahora',
  'report.since.change': 'Cambio',
  'report.since.large': 'un cambio grande',
  'report.picture.axisStart': '← {label} ({share})',
  'report.picture.axisEnd': '{label} ({share}) →',
  'report.picture.heading': '{number, number}. {name}',
  'report.picture.elementPosition': 'Posición del elemento {position}',
  'report.picture.agreed': 'acordada {position}',
  'report.picture.median': 'mediana {position}',
  'report.picture.label.strong': 'fuerte',
  'report.picture.label.moderate': 'moderado',
  'report.picture.label.weak': 'débil',
  'report.picture.label.polarized': 'polarizado',
  'report.picture.label.single': 'una colocación',
  'report.picture.label.no-data': 'sin colocar',
  'report.picture.fromRound': 'de la ronda {round}',
  'report.picture.noteTitle': '{text}: {figures}',
  'report.picture.noteTitleEarlier': '{text}: {figures} (cifras de la ronda {round})',
  'report.picture.noPlacements': 'sin colocaciones aún',
  'report.picture.position': 'posición {position} hacia la alianza',
  'report.picture.agreement': 'acuerdo {agreement}',
  'report.picture.agreementNotMeasured': 'acuerdo sin medir (ninguna tarjeta tiene 2 colocaciones)',
  'report.picture.polarized':
    '{count, plural, one {# tarjeta polarizada} other {# tarjetas polarizadas}}',
  'report.picture.tooFew':
    '{count, plural, one {# tarjeta} other {# tarjetas}} con muy pocas colocaciones para mostrar',
  'report.picture.notRevealed':
    '{count, plural, one {# tarjeta colocada, se muestra} other {# tarjetas colocadas, se muestran}} después de revelar',
  'report.picture.closedHidden':
    '{count, plural, one {# tarjeta} other {# tarjetas}} de una ronda cerrada antes de revelar',
  'report.picture.earlier':
    '{count, plural, one {# tarjeta} other {# tarjetas}} con cifras de la ronda {rounds}',
};
