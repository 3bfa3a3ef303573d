/**
 * Turning catalogue keys and figures into words in one language, given that language's messages:
 * ICU MessageFormat text (shared/i18n/translator.ts, in Node) or the same messages compiled to
 * syntax trees at build time (the client, which so ships no message parser). Framework-free, so
 * the React components and the modules that build text on their own (the picture export, the
 * report's words) say the same thing. Numbers, percentages, lists, dates and times go through
 * `Intl` for the locale.
 */

import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { MessageKey } from './catalogues.ts';
import { type DisplayLocale, type Locale, PSEUDO_LOCALE } from './locales.ts';
import { pseudoText } from './pseudoText.ts';

export type MessageValues = Readonly<Record<string, string | number | Date | null | undefined>>;

/** A catalogue compiled to ICU syntax trees (shared/i18n/compiledCatalogue.ts). */
export type CompiledCatalogue = Readonly<Record<MessageKey, MessageFormatElement[]>>;

export type Messages = Readonly<Record<MessageKey, string>> | CompiledCatalogue;

export interface Translator {
  /** The language shown; the pseudo-locale formats numbers as English does. */
  readonly locale: DisplayLocale;
  /** The shipped language whose data (rubric translations) to show. */
  readonly language: Locale;
  /** For `lang` attributes. */
  readonly lang: string;
  t(key: MessageKey, values?: MessageValues): string;
  /** A 0–1 share as a whole percentage: "72%" in English, "72 %" in Spanish. */
  percent(share: number): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** "a, b and c" / "a, b y c". */
  list(items: readonly string[]): string;
  dateTime(epochMs: number, options: Intl.DateTimeFormatOptions): string;
  /** Data written in English (names of things, not catalogue messages) in the pseudo-locale. */
  data(text: string): string;
}

const cache = createIntlCache();
let reportError: (message: string) => void = () => {};

/** Where formatting errors go (the client logs them; shared code has no console). */
export function onTranslationError(report: (message: string) => void): void {
  reportError = report;
}

export function createTranslator(locale: DisplayLocale, messages: Messages): Translator {
  const pseudo = locale === PSEUDO_LOCALE;
  const language: Locale = pseudo ? 'en' : locale;
  const intl: IntlShape = createIntl(
    {
      locale: pseudo ? 'en' : locale,
      defaultLocale: 'en',
      messages,
      // A catalogue error is a bug; in a live room the message's source shows instead.
      onError: (error) => reportError(error.message),
    },
    cache,
  );
  const percentFormat = new Intl.NumberFormat(intl.locale, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  return {
    locale,
    language,
    lang: pseudo ? PSEUDO_LOCALE : locale,
    t: (key, values) => intl.formatMessage({ id: key }, values as Record<string, string | number>),
    percent: (share) => percentFormat.format(Math.round(share * 100) / 100),
    number: (value, options) => new Intl.NumberFormat(intl.locale, options).format(value),
    list: (items) => intl.formatList(items, { type: 'conjunction' }),
    dateTime: (epochMs, options) => intl.formatDate(epochMs, options),
    data: (text) => (pseudo ? pseudoText(text) : text),
  };
}
