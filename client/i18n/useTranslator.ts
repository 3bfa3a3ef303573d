/** The translator for the language this person picked; components re-render when it changes. */
import type { Locale } from '../../shared/i18n/locales.ts';
import { type Translator, translator } from '../../shared/i18n/translator.ts';
import { useLocaleStore } from './localeStore.ts';

export function useTranslator(): Translator {
  return translator(useLocaleStore((state) => state.locale));
}

/**
 * The translators a shared screen (the wall, the report) speaks in: the languages a facilitator
 * chose for the room, else this person's own.
 */
export function useRoomTranslators(roomLanguages: readonly Locale[] | null): Translator[] {
  const own = useTranslator();
  return roomLanguages && roomLanguages.length > 0 ? roomLanguages.map(translator) : [own];
}
