/**
 * The client's translators, from the catalogues compiled at build time (vite.config.ts): English,
 * the source and the fallback, comes with the first load; every other language, and the test
 * pseudo-locale, is fetched the first time it is asked for, so a phone downloads its reader's
 * language only. Until a language has arrived, its texts show in English.
 */
import english from 'virtual:continuum-catalogue/en';
import { useEffect } from 'react';
import { create } from 'zustand';
import {
  type CompiledCatalogue,
  createTranslator,
  type Translator,
} from '../../shared/i18n/formatter.ts';
import type { DisplayLocale } from '../../shared/i18n/locales.ts';

type Catalogue = Promise<{ default: CompiledCatalogue }>;

const LATER: Readonly<Record<Exclude<DisplayLocale, 'en'>, () => Catalogue>> = {
  es: () => import('virtual:continuum-catalogue/es'),
  'en-XA': () => import('virtual:continuum-catalogue/en-XA'),
};

const ENGLISH = createTranslator('en', english);

const useLanguages = create<{ translators: Partial<Record<DisplayLocale, Translator>> }>(() => ({
  translators: { en: ENGLISH },
}));

const loading = new Map<DisplayLocale, Promise<void>>();

/** Resolves once `locale`'s catalogue is here; a failed fetch is tried again at the next ask. */
export function loadLanguage(locale: DisplayLocale): Promise<void> {
  if (locale === 'en' || useLanguages.getState().translators[locale]) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = LATER[locale]()
      .then(({ default: messages }) => {
        const translator = createTranslator(locale, messages);
        useLanguages.setState((state) => ({
          translators: { ...state.translators, [locale]: translator },
        }));
      })
      .finally(() => loading.delete(locale));
    loading.set(locale, pending);
  }
  return pending;
}

function startLoading(locale: DisplayLocale): void {
  // Offline or refused: the texts stay in English until a later ask succeeds.
  loadLanguage(locale).catch(() => undefined);
}

/** The translator for `locale` now: English while its catalogue is still on its way. */
export function translator(locale: DisplayLocale): Translator {
  const found = useLanguages.getState().translators[locale];
  if (found) return found;
  startLoading(locale);
  return ENGLISH;
}

/** The translators for `locales`, re-rendering as each one's catalogue arrives. */
export function useTranslators(locales: readonly DisplayLocale[]): Translator[] {
  const loaded = useLanguages((state) => state.translators);
  useEffect(() => {
    for (const locale of locales) {
      if (!useLanguages.getState().translators[locale]) startLoading(locale);
    }
  }, [locales]);
  return locales.map((locale) => loaded[locale] ?? ENGLISH);
}

/** The translator for one locale, re-rendering when its catalogue arrives. */
export function useTranslatorFor(locale: DisplayLocale): Translator {
  const found = useLanguages((state) => state.translators[locale]);
  useEffect(() => {
    if (!found) startLoading(locale);
  }, [found, locale]);
  return found ?? ENGLISH;
}
