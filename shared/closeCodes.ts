/**
 * Websocket close codes. 4400–4499 mean "do not retry" to the stock y-websocket provider, so
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
/** Too many connections on this board or from this address. */
export const CLOSE_OVERLOADED = 4503;
/** The client does not read what it is sent fast enough. */
export const CLOSE_BACKPRESSURE = 4504;
/** The client sends more messages than its rate limit allows. */
export const CLOSE_RATE_LIMITED = 4529;

/** Reasons the client must tell apart: each asks for a different response. */
export const CLOSE_REASONS = {
  originNotAllowed: 'Origin not allowed',
  unknownBoard: 'Unknown board or invalid token',
  accessUncheckable: 'The server cannot check your access right now',
  boardFull: 'This board is full: it has reached its storage limit. Export it and start a new one',
  foreignClientId: 'This change was written under another participant’s client id',
  foreignPresence: 'This presence belongs to another participant',
  tooManyPresences: 'One connection speaks for one presence',
} as const;

/** Close reasons are limited to 123 bytes of UTF-8 by RFC 6455. */
export function closeReason(text: string): string {
  const encoder = new TextEncoder();
  let reason = text;
  while (encoder.encode(reason).length > 123) reason = reason.slice(0, -1);
  return reason;
}
