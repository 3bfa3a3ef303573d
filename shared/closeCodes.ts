/**
 * Websocket close codes, and every close the server sends with its reason, in one table that
 * the client reads too. Pure data: no platform API (the server cuts reasons to size).
 *
 * 4400–4499 mean "do not retry" to the stock y-websocket provider, so
 * only authentication and write-rule failures use them; everything a client should retry by
 * itself (overload, rate limits, a slow connection, a room that failed to load, a restart) uses
 * codes outside that range.
 */
/** The server is shutting down or restarting (retried). */
export const CLOSE_GOING_AWAY = 1001;
/** A frame the server could not read (retried: the next connection starts clean). */
export const CLOSE_MALFORMED = 1007;
/** A frame larger than the server accepts; sent by the websocket library itself (retried). */
export const CLOSE_MESSAGE_TOO_BIG = 1009;
/** Unknown board, bad/revoked token, removed person, deleted board, or a foreign Origin. */
export const CLOSE_UNAUTHORIZED = 4401;
/** A write that breaks the rules, or a board whose storage budget is used up. */
export const CLOSE_FORBIDDEN_WRITE = 4403;
/** The board could not be loaded (damaged data, or the store cannot be read). */
export const CLOSE_ROOM_UNAVAILABLE = 4500;
/** Too many connections on this board, from this address, or with this token (its oldest). */
export const CLOSE_OVERLOADED = 4503;
/** The client does not read what it is sent fast enough. */
export const CLOSE_BACKPRESSURE = 4504;
/** The client sends more messages than its rate limit allows. */
export const CLOSE_RATE_LIMITED = 4529;
/** The store takes no writes right now: the client keeps its writes and retries. */
export const CLOSE_SAVING_PAUSED = 4507;

/** A close the server sends: its code and its reason (RFC 6455: at most 123 bytes of UTF-8). */
export interface Close {
  readonly code: number;
  readonly reason: string;
}

/**
 * Every close the server sends on purpose, with its exact reason: clients and tests match on
 * these strings, so they never change. Besides these, a write that breaks the rules is closed
 * with CLOSE_FORBIDDEN_WRITE and its rule's reason (WRITE_REJECTIONS in writeRules.ts), and a
 * malformed frame with `malformed.reason: <what was wrong>`.
 */
export const CLOSES = {
  // Access (4401: the stock provider stops).
  originNotAllowed: { code: CLOSE_UNAUTHORIZED, reason: 'Origin not allowed' },
  unknownBoard: { code: CLOSE_UNAUTHORIZED, reason: 'Unknown board or invalid token' },
  boardDeleted: { code: CLOSE_UNAUTHORIZED, reason: 'This board was deleted' },
  removed: { code: CLOSE_UNAUTHORIZED, reason: 'You were removed from this board' },
  coFacilitatorRevoked: {
    code: CLOSE_UNAUTHORIZED,
    reason: 'Your co-facilitator link was revoked',
  },
  // Writes the room refuses (4403).
  boardFull: {
    code: CLOSE_FORBIDDEN_WRITE,
    reason: 'This board is full: it has reached its storage limit. Export it and start a new one',
  },
  foreignClientId: {
    code: CLOSE_FORBIDDEN_WRITE,
    reason: 'This change was written under another participant’s client id',
  },
  foreignPresence: {
    code: CLOSE_FORBIDDEN_WRITE,
    reason: 'This presence belongs to another participant',
  },
  tooManyPresences: {
    code: CLOSE_FORBIDDEN_WRITE,
    reason: 'One connection speaks for one presence',
  },
  // The board cannot be served right now (4500, retried).
  accessUncheckable: {
    code: CLOSE_ROOM_UNAVAILABLE,
    reason: 'The server cannot check your access right now',
  },
  roomUnavailable: {
    code: CLOSE_ROOM_UNAVAILABLE,
    reason: 'This board cannot be loaded right now',
  },
  roomDamaged: {
    code: CLOSE_ROOM_UNAVAILABLE,
    reason: 'This board cannot be opened: its stored data is damaged. Tell the organiser.',
  },
  newerSchema: {
    code: CLOSE_ROOM_UNAVAILABLE,
    reason: 'This board was made by a newer version of Continuum',
  },
  serverError: { code: CLOSE_ROOM_UNAVAILABLE, reason: 'Server error' },
  accessDamaged: {
    code: CLOSE_ROOM_UNAVAILABLE,
    reason: 'Your access cannot be checked: its stored data is damaged. Tell the organiser.',
  },
  // The store takes no writes (4507, retried): nothing is acknowledged that it could lose.
  savingPaused: {
    code: CLOSE_SAVING_PAUSED,
    reason: 'Saving is paused on the server; your changes stay on this device until it resumes',
  },
  // A client's share of the server (retried).
  tooManyFromAddress: {
    code: CLOSE_OVERLOADED,
    reason: 'Too many connections from your network; retrying',
  },
  tooManyOnBoard: {
    code: CLOSE_OVERLOADED,
    reason: 'This board has too many connections; retrying',
  },
  replacedByNewer: {
    code: CLOSE_OVERLOADED,
    reason: 'Too many connections with your link; this oldest one was closed',
  },
  tooSlow: {
    code: CLOSE_BACKPRESSURE,
    reason: 'Your connection is too slow to keep up; reconnecting',
  },
  rateLimited: { code: CLOSE_RATE_LIMITED, reason: 'Too many messages; reconnecting' },
  tooManyClientIds: {
    code: CLOSE_RATE_LIMITED,
    reason: 'Too many new tabs or reloads in a short time; reconnecting',
  },
  malformed: { code: CLOSE_MALFORMED, reason: 'Malformed message' },
  socketError: { code: CLOSE_MALFORMED, reason: 'socket error' },
  restarting: { code: CLOSE_GOING_AWAY, reason: 'The server is restarting' },
} as const satisfies Record<string, Close>;

type CloseName = keyof typeof CLOSES;

/** The reasons alone, for telling closes apart by their reason. */
export const CLOSE_REASONS = Object.fromEntries(
  Object.entries(CLOSES).map(([name, close]) => [name, close.reason]),
) as { readonly [Name in CloseName]: (typeof CLOSES)[Name]['reason'] };
