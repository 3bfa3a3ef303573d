import type { server as english } from '../en/server.ts';

export const server: Record<keyof typeof english, string> = {
  'server.api.invalidJson': 'No se pudo leer la solicitud. Inténtalo de nuevo.',
  'server.api.invalidBody': 'Parte de lo enviado no es válido. Revisa el formulario.',
  'server.api.titleRequired': 'Ponle un título al tablero.',
  'server.api.titleTooLong': 'El título puede tener como máximo {max} caracteres.',
  'server.api.nameRequired': 'Escribe tu nombre.',
  'server.api.nameTooLong': 'El nombre puede tener como máximo {max} caracteres.',
  'server.api.nameIsRoleWord':
    'Ese nombre está reservado para un rol del tablero. Elige otro, por favor.',
  'server.api.wrongJoinCode':
    'Ese código no es correcto. Revisa el código que aparece en pantalla.',
  'server.api.joiningClosed': 'La persona facilitadora cerró la entrada a este tablero.',
  'server.api.boardFull': 'Este tablero está lleno: alcanzó su límite de almacenamiento.',
  'server.api.boardNotFound': 'No se encuentra este tablero.',
  'server.api.unauthorized': 'Este enlace no es válido para este tablero.',
  'server.api.forbidden': 'No puedes hacer eso en este tablero.',
  'server.api.tooManyRequests':
    'Demasiadas solicitudes en poco tiempo. Espera un momento y vuelve a intentarlo.',
  'server.api.payloadTooLarge': 'Es demasiado grande para que el servidor lo acepte.',
  'server.api.snapshotInvalid': 'Esa copia del tablero no es válida y no se puede importar.',
  'server.api.baselineNotFound': 'Este tablero no tiene una referencia anterior que emparejar.',
  'server.api.baselineMatchInvalid':
    'Esos emparejamientos nombran una tarjeta que no existe, o la misma tarjeta anterior dos veces.',
  'server.api.storeUnavailable':
    'El servidor no puede guardar en este momento. Inténtalo de nuevo en un rato.',
  'server.api.storeDamaged':
    'No se puede leer: sus datos guardados están dañados. Avisa a quien organiza.',
  'server.api.internal': 'Algo salió mal en el servidor. Inténtalo de nuevo.',
  'server.api.invalidUrl': 'No se puede leer esa dirección.',
  'server.api.routeNotFound': 'El servidor no reconoce esa solicitud. Prueba a recargar la página.',
  'server.api.invalidQuery': 'Esa exportación no se puede hacer en este idioma.',
  'server.api.unknownOrganisation': 'Elige una de las organizaciones de la lista.',
  'server.api.unknownJoinCode':
    'Ningún tablero tiene ese código. Comprueba el código en la pantalla.',
  'server.api.participantNotFound': 'Esa persona ya no está en este tablero.',
  'server.api.creatorNotRemovable': 'No se puede quitar a quien creó el tablero.',
  'server.api.savingPaused':
    'El guardado está en pausa en el servidor. Inténtalo de nuevo en un momento.',
  'server.api.newerVersion': 'Este tablero se creó con una versión más reciente de Continuum.',
  'server.api.notInSetup':
    'La rúbrica solo se puede editar en Preparación. Vuelva primero el tablero a Preparación.',
  'server.api.rubricTooManyRemovals':
    'En este tablero se han quitado demasiadas tarjetas para quitar más. Expórtelo y empiece uno nuevo.',
  'server.api.notDiscussing': 'Solo se pueden proponer tarjetas mientras el grupo conversa.',
  'server.api.tooManyProposals':
    'Ya tiene {max} propuestas en espera. Espere a que la persona facilitadora las revise.',
  'server.api.proposalNotFound': 'Esa propuesta no está en este tablero.',
  'server.api.proposalDecided': 'Esa propuesta ya se aceptó o se rechazó.',
  'server.api.elementFull':
    'Ese elemento ya tiene todas las tarjetas que admite. Quite una en Preparación primero.',
  'server.api.elementRemoved': 'El elemento de esa propuesta ya no está en el tablero.',
  'server.api.rubricTooLarge':
    'La rúbrica es demasiado grande para un tablero. Acórtela, o exporte este tablero y empiece uno nuevo.',
  'server.api.unreachable':
    'No se puede contactar con el servidor. Revisa la conexión e inténtalo de nuevo.',
  'server.close.placingClosed': 'La colocación está cerrada: tu último movimiento no se guardó.',
  'server.close.notSaved': '{reason}: tu último cambio no se guardó.',
  'server.close.boardFull':
    'Este tablero está lleno: alcanzó su límite de almacenamiento. Expórtalo y empieza uno nuevo.',
  'server.close.originNotAllowed':
    'Esta dirección no tiene permiso para conectarse al tablero (pide a quien organiza que revise ALLOWED_ORIGINS).',
  'server.close.unknownBoard': 'Este tablero no existe o este enlace ya no es válido.',
  'server.close.boardDeleted': 'Este tablero se eliminó.',
  'server.close.removed': 'Te quitaron de este tablero.',
  'server.close.coFacilitatorRevoked': 'Se revocó tu enlace de cofacilitación.',
  'server.close.linkInvalid': 'Este enlace ya no es válido para este tablero.',
  'server.close.accessUncheckable': 'El servidor no puede comprobar tu acceso en este momento.',
  'server.close.roomUnavailable': 'No se puede cargar este tablero en este momento.',
  'server.close.roomDamaged':
    'No se puede abrir este tablero: sus datos guardados están dañados. Avisa a quien organiza.',
  'server.close.newerSchema': 'Este tablero se creó con una versión más reciente de Continuum.',
  'server.close.serverError': 'El servidor tuvo un problema al abrir este tablero.',
  'server.close.accessDamaged':
    'No se puede comprobar tu acceso: sus datos guardados están dañados. Avisa a quien organiza.',
  'server.close.savingPaused':
    'El guardado está en pausa en el servidor: tus cambios se conservan en este dispositivo y se enviarán cuando se reanude.',
  'server.close.busy': 'El servidor está ocupado; volviendo a conectar…',
  'server.close.unknown': 'Se cerró la conexión con el tablero.',
  'server.write.observer': 'Quien observa no puede cambiar el tablero',
  'server.write.removed': 'Te quitaron de este tablero',
  'server.write.serverOnly':
    'Solo el servidor puede cambiar la configuración del tablero o las personas participantes',
  'server.write.unknownRoot': 'Este cambio afecta a una parte desconocida del tablero',
  'server.write.notFacilitator': 'Solo la persona facilitadora puede cambiar la sesión',
  'server.write.otherCard': 'Esa tarjeta pertenece a otra persona participante',
  'server.write.notProxy':
    'La persona facilitadora solo puede colocar tarjetas en nombre de participantes representados',
  'server.write.placingClosed': 'La colocación está cerrada',
  'server.write.locked': 'La sesión está bloqueada; solo se puede desbloquear',
  'server.write.invalidPlacement': 'Esa no es una posición válida para la tarjeta',
  'server.write.nestedPlacement':
    'Las posiciones de las tarjetas no pueden contener datos anidados',
  'server.write.wrongRound': 'Esa tarjeta ahora está en otra ronda',
  'server.write.invalidControl': 'Esa no es una configuración válida de la sesión',
  'server.write.controlRemoved': 'La configuración de la sesión se puede cambiar, no quitar',
  'server.write.roundBackwards': 'El número de ronda no puede retroceder',
  'server.write.unreadable': 'No se pudo leer esta actualización',
  'server.write.missing': 'Esta actualización depende de cambios que el servidor no tiene',
  'server.write.contentless': 'Esta actualización se refiere a cambios que el servidor nunca tuvo',
  'server.write.foreignClientId':
    'Este cambio se escribió con el identificador de cliente de otra persona participante',
  'server.write.foreignPresence': 'Esta presencia pertenece a otra persona participante',
  'server.write.tooManyPresences': 'Cada conexión representa una sola presencia',
  'server.write.refused': 'Ese cambio fue rechazado',
  'server.announce.notSaved': 'Tu cambio no se guardó: {reason}',
  'server.announce.connectionLost':
    'Se perdió la conexión. Tus cambios se conservan en este dispositivo y se enviarán cuando vuelva.',
  'server.announce.reconnected': 'Conexión recuperada. El tablero vuelve a estar en vivo.',
};
