/** The board's figures over the day: the facilitator's replay and the report's charts. */
export const timeline = {
  'timeline.replay.button': 'Replay',
  'timeline.replay.title': 'Replay of the day',
  'timeline.replay.label': 'Replay of the board’s figures over the day',
  'timeline.replay.marker': 'Replay',
  'timeline.replay.back': 'Back to live',
  'timeline.replay.slider': 'Moment of the day',
  'timeline.replay.moment':
    '{time} · {phase}{round, plural, =1 {} other {, round #}} · {index, number} of {count, number}',
  'timeline.replay.loading': 'Loading the day’s figures…',
  'timeline.replay.failed': 'The day’s figures could not be loaded. {reason}',
  'timeline.replay.retry': 'Try again',
  'timeline.replay.empty':
    'Nothing recorded yet. The board’s figures are recorded once a minute while people place cards, and at each phase and round change, for cards with at least three placements.',
  'timeline.replay.element': '{position} · agreement {agreement}',
  'timeline.replay.card':
    'median {median} · spread (IQR) {iqr} · agreement {agreement} · {n, plural, one {# placement} other {# placements}}',
  'timeline.replay.retired': '(since retired)',
  'timeline.replay.noCard': 'fewer than three placements',
  'timeline.chart.heading': 'Over the day',
  'timeline.chart.intro':
    'Each element’s position (line) and agreement (dashed) as the board recorded them; dotted lines mark phase and round changes.',
  'timeline.chart.from': 'from {time}',
  'timeline.chart.to': 'to {time}',
  'timeline.chart.none': 'Nothing was recorded over the day.',
  'timeline.chart.label':
    '{element}: position from {first} to {last}, agreement from {firstAgreement} to {lastAgreement}, {from} to {to}',
  'timeline.chart.empty': 'No card had three placements.',
  'timeline.chart.position': 'position',
  'timeline.chart.agreement': 'agreement',
} as const;
