/**
 * The longest display name; longer ones are refused, never cut. Apart from shared/api.ts so the
 * join page can count to it without loading zod (whose eval probe the page's CSP reports).
 */
export const NAME_MAX_LENGTH = 60;
