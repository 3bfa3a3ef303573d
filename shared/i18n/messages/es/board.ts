import type { board as english } from '../en/board.ts';

export const board: Record<keyof typeof english, string> = {
  'board.skipLink': 'Saltar al tablero',
  'board.lanes.label': 'Tablero',

  'board.header.watching': 'Estás observando',
  'board.header.youAre': 'Eres {name}',
  'board.header.notYou': '¿No eres tú?',

  'board.ended.deletedTitle': 'Este tablero fue eliminado',
  'board.ended.removedTitle': 'Te quitaron de este tablero',
  'board.ended.deletedDetail':
    'El facilitador o la facilitadora lo eliminó, con sus colocaciones y todo lo guardado sobre él.',
  'board.ended.removedDetail':
    'El facilitador o la facilitadora te quitó, o el enlace que usaste ya no funciona. Si es un error, pídele un enlace nuevo.',
  'board.ended.startLink': 'Ir a la página de inicio',

  'board.figures.overall': 'En conjunto {position} hacia la alianza · acuerdo {agreement}',

  'board.connection.offlineNote':
    'Sin conexión: tus cambios se guardan en este teléfono y se envían cuando vuelva la conexión.',
  'board.connection.notConnected': 'Sin conexión con el tablero.',

  'board.status.connecting': 'Conectando…',
  'board.status.connectingShort': 'Conectando',
  'board.status.reconnecting': 'Reconectando…',
  'board.status.live': 'En vivo',
  'board.status.offline': 'Sin conexión: tus cambios se guardan en este dispositivo',
  'board.status.offlineShort': 'Sin conexión',
  'board.status.error': 'Desconectado',

  'board.discuss.button': 'Debatir a continuación',
  'board.discuss.order': 'Orden',
  'board.discuss.byAgreement': 'Primero el menor acuerdo',
  'board.discuss.byGap': 'Primero la mayor brecha de percepción',
  'board.discuss.byChange': 'Primero el mayor cambio desde el último retiro',
  'board.discuss.change': 'cambió {change} desde el último retiro',
  'board.discuss.gap': 'brecha {gap}',
  'board.discuss.detail': '{agreed, select, yes {{what} · acordada} other {{what}}}',

  'board.element.noPlacements': 'Todavía no hay colocaciones',
  'board.element.position': 'posición {position} hacia la alianza',
  'board.element.agreement': 'acuerdo {agreement}',
  'board.element.split': '{count, plural, one {una tarjeta dividida} other {# tarjetas divididas}}',
  'board.element.hiddenEverywhere':
    'Muy pocas personas por organización para mostrar sus cifras: {organisations}.',
  'board.element.hiddenOnSomeCards':
    'Muy pocas en algunas tarjetas para mostrarlas allí: {organisations}.',

  'board.axis.shortStart': 'Proveedor',
  'board.axis.shortEnd': 'Alianza',

  'board.tabs.label': 'Elementos',
  'board.tabs.name': '{number}. {name}',

  'board.progress.tabOwn': '{done} de tus {of} tarjetas colocadas',
  'board.progress.tabRoom': '{done} de {of} personas terminaron',
  'board.progress.laneOwn': '{done} de tus {of} tarjetas colocadas',
  'board.progress.laneOwnDone':
    '{of, plural, one {✓ Tu tarjeta está colocada} other {✓ Tus # tarjetas están colocadas}}',
  'board.progress.laneRoom': '{done} de {of} personas terminaron este elemento',

  'board.mini.ownShort': '{placed} de {total}',
  'board.mini.ownLong': '{placed} de {total} tarjetas colocadas',
  'board.mini.room': '{finished} de {total} terminaron',

  'board.notice.dismiss': 'Cerrar',

  'board.people.title': 'Personas en el tablero',
  'board.people.notFinished': 'Sin terminar ({count} de {total})',
  'board.people.everyoneFinished': 'Todas las personas colocaron todas las tarjetas de esta ronda.',
  'board.people.everyone': 'Todas las personas ({count})',
  'board.people.placedOf': '{placed} de {total}',
  'board.people.finished': 'terminó',
  'board.people.proxy': 'colocado en su nombre',
  'board.people.here': 'aquí',
  'board.people.justLeft': 'acaba de salir',
  'board.people.away': 'ausente',
  'board.people.moving': 'moviendo una tarjeta',
  'board.people.you': '{name} (tú)',
  'board.people.numbered': '{name} ({number})',
  'board.people.role.facilitator': 'facilitador/a',
  'board.people.role.participant': 'participante',
  'board.people.role.observer': 'observador/a',

  'board.room.counts':
    '{hereShown} aquí · {finished, plural, one {{finishedShown} terminó} other {{finishedShown} terminaron}}',
  'board.room.countsPlacing':
    '{hereShown} aquí · {finished, plural, one {{finishedShown} terminó} other {{finishedShown} terminaron}} · {placingShown} colocando',

  'board.banner.waiting': 'Esperando a que el facilitador o la facilitadora abra la colocación.',
  'board.banner.waitingDetail':
    'Las tarjetas están abajo; podrás colocarlas cuando se abra la colocación.',
  'board.banner.locked': 'El tablero está bloqueado: estas son las posiciones acordadas.',
  'board.banner.lockedFacilitator': 'Elige otra fase para reabrirlo.',
  'board.banner.lockedParticipant': 'Ya no se puede mover nada.',

  'board.phase.label': 'Fase de la sesión',
  'board.phase.round': 'Ronda {round}',
  'board.phase.cancel': 'Cancelar',
  'board.confirm.lockQuestion':
    '¿Bloquear el tablero? La colocación, las posiciones acordadas y las rondas nuevas se detienen para todos, y el temporizador se borra. Puedes reabrirlo más tarde.',
  'board.confirm.lock': 'Bloquear el tablero',
  'board.confirm.revealQuestion':
    '¿Mostrar a la sala las colocaciones de todos? No se puede deshacer una vez que las hayan visto.',
  'board.confirm.reveal': 'Revelar a la sala',
  'board.confirm.revealAndDiscuss': 'Revelar y debatir',

  'board.timer.up': 'Se acabó el tiempo',
  'board.timer.paused': 'en pausa',
  'board.timer.soundOn': 'sonido activado',
  'board.timer.soundOff': 'sonido desactivado',
  'board.timer.soundTitle': 'Reproducir un sonido suave cuando se acabe el tiempo',

  'board.view.cards': 'Tarjetas',
  'board.view.wall': 'Mural',

  'board.follow.on': 'Siguiendo al facilitador/a',
  'board.follow.off': 'Seguir al facilitador/a',

  'board.wall.agreedAt': 'acordada {position}',
  'board.wall.medianAt': 'mediana {position}',
  'board.wall.noteTitle': '{card} — {where}, {label}',
  'board.wall.trackLabel': '{where}, {label}',
  'board.wall.agreedMark': 'acordada',
  'board.wall.columnVendor': 'P',
  'board.wall.columnPartnership': 'A',
  'board.wall.tooFew':
    '{count, plural, one {# tarjeta: muy pocas colocaciones para mostrarla} other {# tarjetas: muy pocas colocaciones para mostrarlas}}',
  'board.wall.notPlaced':
    '{count, plural, one {# sin colocar todavía} other {# sin colocar todavía}}',

  'board.announce.setup': 'El tablero volvió a la preparación',
  'board.announce.placing': 'La colocación está abierta',
  'board.announce.revealed': 'Se revelaron las posiciones del grupo',
  'board.announce.discussing': 'El debate está abierto',
  'board.announce.final': 'El tablero está bloqueado: estas son las posiciones acordadas',
  'board.announce.round': 'La ronda {round} está abierta',
  'board.announce.lastMinute': 'Queda un minuto',
  'board.announce.timeUp': 'Se acabó el tiempo',
  'board.announce.progress': '{finished} de {total} terminaron',
  'board.mini.label': 'Tu progreso y el temporizador',
  'board.status.label': 'Estado de la sesión',

  'board.propose.button': 'Proponer una tarjeta',
  'board.propose.title': 'Proponer una tarjeta',
  'board.propose.hint':
    '¿Falta un indicador? Propóngalo: la persona facilitadora decide si el grupo lo coloca.',
  'board.propose.failed': 'Su propuesta no se envió.',
  'board.propose.element': 'Elemento',
  'board.propose.describes': 'La tarjeta describe',
  'board.propose.text': 'La tarjeta',
  'board.propose.send': 'Enviar a la persona facilitadora',
  'board.propose.sent': 'Enviada. La persona facilitadora la revisará.',
  'board.propose.mine': 'Sus propuestas',
  'board.propose.status.open': 'en espera',
  'board.propose.status.accepted': 'aceptada',
  'board.propose.status.declined': 'rechazada',
};
