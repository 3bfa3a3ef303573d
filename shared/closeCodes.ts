/**
 * Websocket close codes. 4400–4499 mean "do not retry" to the stock y-websocket provider, so
 * only authentication and write-rule failures use them; everything a client should retry by
 * itself (overload, a room that failed to load) uses codes outside that range.
 */
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_MALFORMED = 1007;
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN_WRITE = 4403;
export const CLOSE_ROOM_UNAVAILABLE = 4500;
export const CLOSE_OVERLOADED = 4503;

/** Close reasons are limited to 123 bytes of UTF-8 by RFC 6455. */
export function closeReason(text: string): string {
  const encoder = new TextEncoder();
  let reason = text;
  while (encoder.encode(reason).length > 123) reason = reason.slice(0, -1);
  return reason;
}
