/** A card on its track: the card, its figures, the group's distribution, reasons, agreement. */
export const track = {
  // Where a position (0–100 % from the left end) stands, for screen readers and titles.
  'track.position.valueText':
    '{percent} toward {right}{band, select, atLeft {, at the {left} end} nearLeft {, near {left}} middle {, in the middle} nearRight {, near {right}} atRight {, at the {right} end} other {}}',
  'track.position.notPlaced': 'not placed yet, in the tray',

  // The person's own chip: what it is called, and what it says while it cannot move.
  'track.chip.name':
    '{card} ({element}){closed, select, notYet {, placing opens soon} locked {, locked, the board is final} closed {, placing is closed} other {}}',
  'track.chip.roleDescription': 'card slider',
  'track.chip.you': 'you',
  'track.chip.instructions':
    'To place this card, press space to pick it up, use the arrow keys to move it along the axis (1 % a step, with Shift 10 %), and press space to drop it. Escape cancels.',
  'track.chip.lastRound': 'Your position last round: {position}',

  // Said while a chip is being dragged, and after it is dropped.
  'track.drag.pickedUp': 'Picked up “{card}”.',
  'track.drag.placed': 'Placed “{card}” at {where}.',
  'track.drag.backToTray': '“{card}” is back in the tray, not placed.',
  'track.drag.cancelled': 'Cancelled. “{card}” is where it was.',
  'track.drag.thisCard': 'this card',

  // The tray left of the line.
  'track.tray.hint.movable': 'Drag it along the line',
  'track.tray.hint.notYet': 'Placing opens soon',
  'track.tray.hint.locked': 'Not placed · locked',
  'track.tray.hint.closed': 'Not placed',
  'track.tray.placedCount': '{count, number} placed',

  // Others' live drags.
  'track.ghost.someone': 'Someone',
  'track.ghost.placing': '{who} is placing…',
  'track.ghost.placingTitle': '{who} is placing this card',
  'track.ghost.movingTitle': '{who} is moving this card',

  // The card's text and the end of the axis it describes.
  'track.column.vendorMark': 'V',
  'track.column.partnershipMark': 'P',
  'track.column.vendorTitle': 'Describes a {end} relationship',
  'track.column.partnershipTitle': 'Describes a {end}',
  'track.column.hidden': '({end} text)',

  // Beside the track.
  'track.status.placedOfTotal': '{placed, number} of {total, number} have placed this card',
  'track.status.backToTray': 'Back to tray',
  'track.figures.coverage': '{placed, number} of {total, number} placed',
  'track.figures.tooFew': 'too few placements to show the group',
  'track.figures.median': 'median {median}',
  'track.figures.agreement': 'agreement {agreement}',
  'track.since.thenNow': 'Last retreat {before} → now {now}',
  'track.since.thenOnly': 'Last retreat {before}',
  'track.since.large': '(a large move)',
  'track.since.marker': 'Where the group stood at the last retreat: {position}',
  'track.figures.outliers':
    '{count, plural, one {one placement far from the group} other {# placements far from the group}}',
  'track.figures.roundChange':
    'since last round: median {median}{agreementShown, select, yes {, agreement {agreement}} other {}}{stable, select, yes { · stable} no { · still moving} other {}}',
  'track.organisation.median': '{organisation}:',
  'track.gap.text':
    '{level, select, small {small perception gap} notable {notable perception gap} other {large perception gap}} {gap}',
  'track.gap.title': 'The largest difference between partner organisations’ medians',

  // The group on the line.
  'track.group.middleHalf': 'Middle half of the group: {q1}–{q3}',
  'track.group.medianMoved': 'Median moved from {from} to {to}',
  'track.group.median': 'Median {median}',
  'track.group.namedDot': '{name}: {position}',
  'track.group.folded':
    '{count, plural, one {one more dot not drawn} other {# more dots not drawn}}',
  // What a screen reader hears about the group once it is revealed (the chip's description).
  'track.summary.group':
    '{hasMedian, select, yes {median {median}, } other {}}{label}, {placed, number} of {total, number} placed{hasAgreed, select, yes {; agreed {agreed}} other {}}',
  'track.summary.groupHidden':
    '{placed, number} of {total, number} placed, too few to show the group{hasAgreed, select, yes {; agreed {agreed}} other {}}',

  // The agreed position.
  'track.agreed.title': 'Agreed: {position}',
  'track.agreed.titleWithNote': 'Agreed: {position} — {note}',
  'track.agreed.hidden': 'Agreed position {position}',
  'track.agreed.text': 'agreed {position}',
  'track.agreed.textWithNote': 'agreed {position} — {note}',
  'track.agreement.record': 'Record the agreed position',
  'track.agreement.change': 'Change the agreed position',
  'track.agreement.label': 'Agreed position for “{card}”:',
  'track.agreement.sliderName': 'Agreed position for “{card}”',
  'track.agreement.keys':
    'On the track: arrow keys move it (Shift: 10 %), Home and End go to the ends, Enter saves, Escape cancels.',
  'track.agreement.note': 'Note',
  'track.agreement.save': 'Save agreement',
  'track.agreement.remove': 'Remove',
  'track.agreement.cancel': 'Cancel',

  // The facilitator's actions on one card.
  'track.actions.focus': 'Focus everyone here',
  'track.actions.unfocus': 'Unfocus',
  'track.actions.newRound': 'New round on this card',

  // Reasons.
  'track.reason.add': 'Add a reason',
  'track.reason.edit': 'Edit your reason',
  'track.reason.label': 'Why here? (optional, shown without your name)',
  'track.reason.placeholder': 'Why here? (shown without your name)',
  'track.reason.save': 'Save',
  'track.reason.count': '{count, plural, one {One reason given} other {# reasons given}}',
  'track.reason.quoted': '“{reason}”',
} as const;
