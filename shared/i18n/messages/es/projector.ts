import type { projector as english } from '../en/projector.ts';

export const projector: Record<keyof typeof english, string> = {
  'projector.header.phaseRound': '{phase} · ronda {round, number}',
  'projector.join.show': 'Mostrar el código de entrada',
  'projector.join.hide': 'Ocultar el código de entrada',
  'projector.join.label': 'Cómo entrar',
  'projector.join.qr': 'Enlace para entrar: {url}',
  'projector.join.at': 'Entra en',
  'projector.join.withCode': 'con el código',
  'projector.status.connecting': 'Conectando…',
  'projector.status.live': 'En directo',
  'projector.status.reconnecting': 'Reconectando…',
  'projector.ended.deleted': 'Este tablero fue eliminado',
  'projector.ended.deletedDetail':
    'La persona facilitadora eliminó el tablero; aquí ya no hay nada más que mostrar.',
  'projector.ended.removed': 'Este enlace del proyector fue revocado',
  'projector.ended.removedDetail':
    'Pide a la persona facilitadora un nuevo enlace para el proyector.',
  'projector.progress.joinedLabel': 'Quién ha entrado',
  'projector.progress.waiting': 'Esperando a que entren las personas',
  'projector.progress.joined':
    '{count, plural, one {{shown} persona ha entrado} other {{shown} personas han entrado}}',
  'projector.progress.setupDetail': 'La colocación empieza cuando la persona facilitadora la abre.',
  'projector.progress.joinDetail': 'Escanea el código o escribe la dirección para entrar.',
  'projector.progress.label': 'Avance de la sala',
  'projector.progress.finished': '{finished} de {total, number} han terminado',
  'projector.progress.placing': '{count, number} todavía colocando',
  'projector.progress.away': '{count, plural, one {# no está aquí} other {# no están aquí}}',
  'projector.progress.here': '{count, number} presentes',
  'projector.elements.cards': '{count, plural, one {# tarjeta} other {# tarjetas}}',
  'projector.elements.placed': '{share} colocado',
  'projector.elements.notInRound': 'no entra en esta ronda',
  'projector.focus.label': 'Tarjeta en foco',
  'projector.focus.agreed': 'Acordado {position}',
  'projector.focus.coverage':
    '{placed, number} de {total, number} {placed, plural, one {ha colocado} other {han colocado}} esta tarjeta',
  'projector.wall.page': 'Página {page, number} de {pages, number}',
  'projector.wall.turn': '· ← → para pasar',
  'projector.outage': 'Reconectando…',
};
