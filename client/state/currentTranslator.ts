/**
 * The translator for this person's language at this moment, for code outside React (the
 * connection's notices and announcements), which says things once, as they happen.
 */
import { type Translator, translator } from '../../shared/i18n/translator.ts';
import { useLocaleStore } from '../i18n/localeStore.ts';

export function currentTranslator(): Translator {
  return translator(useLocaleStore.getState().locale);
}
