/** The board page: header, lanes, tabs, people, wall, phase banners, connection notes. */
export const board = {
  'board.skipLink': 'Skip to the board',
  'board.lanes.label': 'Board',

  'board.header.watching': 'You are watching',
  'board.header.youAre': 'You are {name}',
  'board.header.notYou': 'Not you?',

  'board.ended.deletedTitle': 'This board was deleted',
  'board.ended.removedTitle': 'You were removed from this board',
  'board.ended.deletedDetail':
    'The facilitator deleted it, with its placements and everything stored about it.',
  'board.ended.removedDetail':
    'The facilitator removed you, or the link you used no longer works. Ask them for a new link if this is a mistake.',
  'board.ended.startLink': 'Go to the start page',

  'board.figures.overall': 'Overall {position} toward partnership · agreement {agreement}',

  'board.connection.offlineNote':
    'Offline — your changes are kept on this phone and sent when the connection returns.',
  'board.connection.notConnected': 'Not connected to the board.',

  'board.status.connecting': 'Connecting…',
  'board.status.connectingShort': 'Connecting',
  'board.status.reconnecting': 'Reconnecting…',
  'board.status.live': 'Live',
  'board.status.offline': 'Offline — your changes are kept on this device',
  'board.status.offlineShort': 'Offline',
  'board.status.error': 'Not connected',

  'board.discuss.button': 'Discuss next',
  'board.discuss.order': 'Order',
  'board.discuss.byAgreement': 'Weakest agreement first',
  'board.discuss.byGap': 'Largest perception gap first',
  'board.discuss.byChange': 'Largest change since the last retreat first',
  'board.discuss.change': 'moved {change} since the last retreat',
  'board.discuss.gap': 'gap {gap}',
  'board.discuss.detail': '{agreed, select, yes {{what} · agreed} other {{what}}}',

  'board.element.noPlacements': 'No placements yet',
  'board.element.position': 'position {position} toward partnership',
  'board.element.agreement': 'agreement {agreement}',
  'board.element.split': '{count, plural, one {one card split} other {# cards split}}',
  'board.element.hiddenEverywhere':
    'Too few people per organisation to show their figures: {organisations}.',
  'board.element.hiddenOnSomeCards': 'Too few on some cards to show there: {organisations}.',

  'board.axis.shortStart': 'Vendor',
  'board.axis.shortEnd': 'Partnership',

  'board.tabs.label': 'Elements',
  'board.tabs.name': '{number}. {name}',

  'board.progress.tabOwn': '{done} of {of} of your cards placed',
  'board.progress.tabRoom': '{done} of {of} people finished',
  'board.progress.laneOwn': '{done} of {of} of your cards placed',
  'board.progress.laneOwnDone':
    '{of, plural, one {✓ Your card is placed} other {✓ All # of your cards placed}}',
  'board.progress.laneRoom': '{done} of {of} people finished this element',

  'board.mini.ownShort': '{placed} of {total}',
  'board.mini.ownLong': '{placed} of {total} cards placed',
  'board.mini.room': '{finished} of {total} finished',

  'board.notice.dismiss': 'Dismiss',

  'board.people.title': 'People on the board',
  'board.people.notFinished': 'Not finished ({count} of {total})',
  'board.people.everyoneFinished': 'Everyone has placed every card of this round.',
  'board.people.everyone': 'Everyone ({count})',
  'board.people.placedOf': '{placed} of {total}',
  'board.people.finished': 'finished',
  'board.people.proxy': 'placed for them',
  'board.people.here': 'here',
  'board.people.justLeft': 'just left',
  'board.people.away': 'away',
  'board.people.moving': 'moving a card',
  'board.people.you': '{name} (you)',
  'board.people.numbered': '{name} ({number})',
  'board.people.role.facilitator': 'facilitator',
  'board.people.role.participant': 'participant',
  'board.people.role.observer': 'observer',

  'board.room.counts': '{hereShown} here · {finished, plural, other {{finishedShown} finished}}',
  'board.room.countsPlacing':
    '{hereShown} here · {finished, plural, other {{finishedShown} finished}} · {placingShown} placing',

  'board.banner.waiting': 'Waiting for the facilitator to open placing.',
  'board.banner.waitingDetail': 'The cards are below; you can place them once placing opens.',
  'board.banner.locked': 'The board is locked — these are the agreed positions.',
  'board.banner.lockedFacilitator': 'Choose another phase to reopen it.',
  'board.banner.lockedParticipant': 'Nothing can be moved any more.',

  'board.phase.label': 'Session phase',
  'board.phase.round': 'Round {round}',
  'board.phase.cancel': 'Cancel',
  'board.confirm.lockQuestion':
    'Lock the board? Placing, agreed positions and new rounds stop for everyone, and the timer is cleared. You can reopen it later.',
  'board.confirm.lock': 'Lock the board',
  'board.confirm.revealQuestion':
    "Show everyone's placements to the room? This cannot be undone once they have seen them.",
  'board.confirm.reveal': 'Reveal to the room',
  'board.confirm.revealAndDiscuss': 'Reveal and discuss',

  'board.timer.up': "Time's up",
  'board.timer.paused': 'paused',
  'board.timer.soundOn': 'sound on',
  'board.timer.soundOff': 'sound off',
  'board.timer.soundTitle': 'Play a gentle sound when time is up',

  'board.view.cards': 'Cards',
  'board.view.wall': 'Wall',

  'board.follow.on': 'Following the facilitator',
  'board.follow.off': 'Follow the facilitator',

  'board.wall.agreedAt': 'agreed {position}',
  'board.wall.medianAt': 'median {position}',
  'board.wall.noteTitle': '{card} — {where}, {label}',
  'board.wall.trackLabel': '{where}, {label}',
  'board.wall.agreedMark': 'agreed',
  'board.wall.columnVendor': 'V',
  'board.wall.columnPartnership': 'P',
  'board.wall.tooFew':
    '{count, plural, one {# card: too few placements to show} other {# cards: too few placements to show}}',
  'board.wall.notPlaced': '{count, plural, other {# not placed yet}}',

  'board.announce.setup': 'The board is back in setup',
  'board.announce.placing': 'Placing is open',
  'board.announce.revealed': "The group's positions are revealed",
  'board.announce.discussing': 'Discussion is open',
  'board.announce.final': 'The board is locked: these are the agreed positions',
  'board.announce.round': 'Round {round} is open',
  'board.announce.lastMinute': 'One minute left',
  'board.announce.timeUp': 'Time is up',
  'board.announce.progress': '{finished} of {total} finished',
  'board.mini.label': 'Your progress and the timer',
  'board.status.label': 'Session status',

  'board.propose.button': 'Propose a card',
  'board.propose.title': 'Propose a card',
  'board.propose.hint':
    'Missing an indicator? Propose it: the facilitator decides whether the group places it.',
  'board.propose.failed': 'Your proposal was not sent.',
  'board.propose.element': 'Element',
  'board.propose.describes': 'The card describes',
  'board.propose.text': 'The card',
  'board.propose.send': 'Send to the facilitator',
  'board.propose.sent': 'Sent. The facilitator will look at it.',
  'board.propose.mine': 'Your proposals',
  'board.propose.status.open': 'waiting',
  'board.propose.status.accepted': 'accepted',
  'board.propose.status.declined': 'declined',
} as const;
