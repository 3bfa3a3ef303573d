/**
 * The short join code people type from a projector: no 0/O, 1/I/L or other look-alikes.
 * Typing is forgiving (lower case, spaces and dashes are fine).
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** New boards get 8 characters; boards made with 6 keep theirs (6–8 are accepted). */
export const JOIN_CODE_LENGTH = 8;

export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCodeShape(code: string): boolean {
  if (code.length < 6 || code.length > 8) return false;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return false;
  return true;
}
