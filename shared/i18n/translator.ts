/**
 * The translator for a language from the catalogues' ICU text, parsed as each message is first
 * used: for Node (the tests, scripts) and any code that holds the catalogues anyway. The client
 * uses the same messages compiled at build time instead (client/i18n/languages.ts).
 */

import { CATALOGUES } from './catalogues.ts';
import { createTranslator, type Messages, type Translator } from './formatter.ts';
import { type DisplayLocale, PSEUDO_LOCALE } from './locales.ts';
import { pseudoMessage } from './pseudo.ts';

export {
  type MessageValues,
  onTranslationError,
  type Translator,
} from './formatter.ts';

const translators = new Map<DisplayLocale, Translator>();

export function translator(locale: DisplayLocale): Translator {
  let found = translators.get(locale);
  if (!found) {
    found = createTranslator(locale, messagesOf(locale));
    translators.set(locale, found);
  }
  return found;
}

function messagesOf(locale: DisplayLocale): Messages {
  if (locale !== PSEUDO_LOCALE) return CATALOGUES[locale];
  return Object.fromEntries(
    Object.entries(CATALOGUES.en).map(([key, text]) => [key, pseudoMessage(text)]),
  ) as Messages;
}
