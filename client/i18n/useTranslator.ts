/** The translator for the language this person picked; components re-render when it changes. */
import type { Translator } from '../../shared/i18n/formatter.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import { useTranslatorFor, useTranslators } from './languages.ts';
import { useLocaleStore } from './localeStore.ts';

const NO_LANGUAGES: readonly Locale[] = [];

export function useTranslator(): Translator {
  return useTranslatorFor(useLocaleStore((state) => state.locale));
}

/**
 * The translators a shared screen (the wall, the report) speaks in: the languages a facilitator
 * chose for the room, else this person's own.
 */
export function useRoomTranslators(roomLanguages: readonly Locale[] | null): Translator[] {
  const own = useTranslator();
  const room = useTranslators(roomLanguages ?? NO_LANGUAGES);
  return room.length > 0 ? room : [own];
}
