import type { track as english } from '../en/track.ts';

export const track: Record<keyof typeof english, string> = {
  'track.position.valueText':
    '{percent} hacia {right}{band, select, atLeft {, en el extremo {left}} nearLeft {, cerca de {left}} middle {, en el centro} nearRight {, cerca de {right}} atRight {, en el extremo {right}} other {}}',
  'track.position.notPlaced': 'aún sin colocar, en la bandeja',

  'track.chip.name':
    '{card} ({element}){closed, select, notYet {, la colocación abre pronto} locked {, bloqueada, el tablero es final} closed {, la colocación está cerrada} other {}}',
  'track.chip.roleDescription': 'control deslizante de tarjeta',
  'track.chip.you': 'tú',
  'track.chip.instructions':
    'Para colocar esta tarjeta, pulsa espacio para tomarla, usa las flechas para moverla por el eje (1 % por paso, con Mayús 10 %) y pulsa espacio para soltarla. Escape cancela.',
  'track.chip.lastRound': 'Tu posición en la ronda anterior: {position}',

  'track.drag.pickedUp': 'Tomaste «{card}».',
  'track.drag.placed': 'Colocaste «{card}» en {where}.',
  'track.drag.backToTray': '«{card}» volvió a la bandeja, sin colocar.',
  'track.drag.cancelled': 'Cancelado. «{card}» sigue donde estaba.',
  'track.drag.thisCard': 'esta tarjeta',

  'track.tray.hint.movable': 'Arrástrala a lo largo de la línea',
  'track.tray.hint.notYet': 'La colocación abre pronto',
  'track.tray.hint.locked': 'Sin colocar · bloqueada',
  'track.tray.hint.closed': 'Sin colocar',
  'track.tray.placedCount':
    '{count, number} {count, plural, one {colocación} other {colocaciones}}',

  'track.ghost.someone': 'Alguien',
  'track.ghost.placing': '{who} está colocando…',
  'track.ghost.placingTitle': '{who} está colocando esta tarjeta',
  'track.ghost.movingTitle': '{who} está moviendo esta tarjeta',

  'track.column.vendorMark': 'P',
  'track.column.partnershipMark': 'A',
  'track.column.vendorTitle': 'Describe una relación de {end}',
  'track.column.partnershipTitle': 'Describe una {end}',
  'track.column.hidden': '(texto de {end})',

  'track.status.placedOfTotal':
    '{placed, number} de {total, number} {placed, plural, one {ha colocado} other {han colocado}} esta tarjeta',
  'track.status.backToTray': 'Volver a la bandeja',
  'track.figures.coverage':
    '{placed, number} de {total, number} {placed, plural, one {la colocó} other {la colocaron}}',
  'track.figures.tooFew': 'muy pocas colocaciones para mostrar al grupo',
  'track.figures.median': 'mediana {median}',
  'track.figures.agreement': 'acuerdo {agreement}',
  'track.since.thenNow': 'Último retiro {before} → ahora {now}',
  'track.since.thenOnly': 'Último retiro {before}',
  'track.since.large': '(un cambio grande)',
  'track.since.marker': 'Dónde estaba el grupo en el último retiro: {position}',
  'track.figures.outliers':
    '{count, plural, one {una colocación lejos del grupo} other {# colocaciones lejos del grupo}}',
  'track.figures.roundChange':
    'desde la ronda anterior: mediana {median}{agreementShown, select, yes {, acuerdo {agreement}} other {}}{stable, select, yes { · estable} no { · todavía cambia} other {}}',
  'track.organisation.median': '{organisation}:',
  'track.gap.text':
    '{level, select, small {brecha de percepción pequeña} notable {brecha de percepción notable} other {brecha de percepción grande}} {gap}',
  'track.gap.title': 'La mayor diferencia entre las medianas de las organizaciones socias',

  'track.group.middleHalf': 'Mitad central del grupo: {q1}–{q3}',
  'track.group.medianMoved': 'La mediana pasó de {from} a {to}',
  'track.group.median': 'Mediana {median}',
  'track.group.namedDot': '{name}: {position}',
  'track.group.folded':
    '{count, plural, one {un punto más sin dibujar} other {# puntos más sin dibujar}}',
  'track.summary.group':
    '{hasMedian, select, yes {mediana {median}, } other {}}{label}, {placed, number} de {total, number} {placed, plural, one {la colocó} other {la colocaron}}{hasAgreed, select, yes {; posición acordada {agreed}} other {}}',
  'track.summary.groupHidden':
    '{placed, number} de {total, number} {placed, plural, one {la colocó} other {la colocaron}}, muy pocas colocaciones para mostrar al grupo{hasAgreed, select, yes {; posición acordada {agreed}} other {}}',

  'track.agreed.title': 'Acordado: {position}',
  'track.agreed.titleWithNote': 'Acordado: {position} — {note}',
  'track.agreed.hidden': 'Posición acordada {position}',
  'track.agreed.text': 'posición acordada {position}',
  'track.agreed.textWithNote': 'posición acordada {position} — {note}',
  'track.agreement.record': 'Registrar la posición acordada',
  'track.agreement.change': 'Cambiar la posición acordada',
  'track.agreement.label': 'Posición acordada para «{card}»:',
  'track.agreement.sliderName': 'Posición acordada para «{card}»',
  'track.agreement.keys':
    'En el eje: las flechas la mueven (Mayús: 10 %), Inicio y Fin van a los extremos, Intro guarda, Escape cancela.',
  'track.agreement.note': 'Nota',
  'track.agreement.save': 'Guardar el acuerdo',
  'track.agreement.remove': 'Quitar',
  'track.agreement.cancel': 'Cancelar',

  'track.actions.focus': 'Llevar a todos aquí',
  'track.actions.unfocus': 'Quitar el foco',
  'track.actions.newRound': 'Nueva ronda en esta tarjeta',

  'track.reason.add': 'Añadir un motivo',
  'track.reason.edit': 'Editar tu motivo',
  'track.reason.label': '¿Por qué aquí? (opcional, se muestra sin tu nombre)',
  'track.reason.placeholder': '¿Por qué aquí? (se muestra sin tu nombre)',
  'track.reason.save': 'Guardar',
  'track.reason.count': '{count, plural, one {Un motivo} other {# motivos}}',
  'track.reason.quoted': '«{reason}»',
} as const;
