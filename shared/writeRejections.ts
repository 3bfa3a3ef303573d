/**
 * Why the server refused a write: the close reasons of shared/writeRules.ts, on their own so the
 * client can word them (client/state/refusalText.ts) without shipping the rules themselves.
 */
/** Close reasons; each stays well under the websocket limit of 123 bytes. */
export const WRITE_REJECTIONS = {
  observer: 'Observers cannot change the board',
  removed: 'You have been removed from this board',
  serverOnly: 'Only the server may change the board settings or participants',
  unknownRoot: 'This change touches an unknown part of the board',
  notFacilitator: 'Only the facilitator may change the session',
  otherCard: 'That card belongs to another participant',
  notProxy: 'The facilitator may only place cards for a proxy participant',
  placingClosed: 'Placing is closed',
  locked: 'The session is locked; it can only be reopened',
  invalidPlacement: 'That is not a valid card position',
  nestedPlacement: 'Card positions cannot hold nested data',
  wrongRound: 'That card is in another round now',
  invalidControl: 'That is not a valid session setting',
  controlRemoved: 'Session settings can be changed, not removed',
  roundBackwards: 'The round number cannot go back',
  unreadable: 'This update could not be read',
  missing: 'This update depends on changes the server does not have',
  contentless: 'This update takes up changes the server never had with empty structs',
} as const;
