/**
 * The translator for this person's language at this moment, for code outside React (the
 * connection's notices and announcements), which says things once, as they happen.
 */
import type { Translator } from '../../shared/i18n/formatter.ts';
import { translator } from '../i18n/languages.ts';
import { useLocaleStore } from '../i18n/localeStore.ts';

export function currentTranslator(): Translator {
  return translator(useLocaleStore.getState().locale);
}
