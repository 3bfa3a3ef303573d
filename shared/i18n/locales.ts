/**
 * The interface's languages. English is the source of every catalogue; Spanish ships complete.
 * `en-XA` is a pseudo-locale for tests: English with accented letters in brackets, so any text
 * that did not come from a catalogue stands out on the page.
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const PSEUDO_LOCALE = 'en-XA';
/** What a page may be shown in: a shipped language or, for tests, the pseudo-locale. */
export type DisplayLocale = Locale | typeof PSEUDO_LOCALE;

export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isDisplayLocale(value: unknown): value is DisplayLocale {
  return isLocale(value) || value === PSEUDO_LOCALE;
}

/** The first shipped language among a browser's preferences (`es-MX` → `es`), else English. */
export function matchLocale(preferences: readonly string[]): Locale {
  for (const preference of preferences) {
    const base = preference.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** Each language's name in itself: what a language picker shows, whatever the page's language. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  es: 'Español',
};
