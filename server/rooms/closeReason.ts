/** Close reasons are limited to 123 bytes of UTF-8 by RFC 6455: a longer one is cut short. */
const MAX_REASON_BYTES = 123;

export function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason, 'utf8') > MAX_REASON_BYTES) reason = reason.slice(0, -1);
  return reason;
}
