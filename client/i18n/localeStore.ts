/**
 * The interface's language: `?lang=` in the address (which also lets a test ask for the
 * pseudo-locale), else the one this browser picked before, else the browser's preferences.
 * A pick is remembered on this device and sets the page's `lang`.
 */
import { create } from 'zustand';
import { onTranslationError } from '../../shared/i18n/formatter.ts';
import {
  type DisplayLocale,
  isDisplayLocale,
  isLocale,
  matchLocale,
} from '../../shared/i18n/locales.ts';
import { loadLanguage } from './languages.ts';

const STORAGE_KEY = 'continuum.language';

onTranslationError((message) => console.error(message));

function remember(locale: DisplayLocale): void {
  try {
    if (isLocale(locale)) localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the pick lasts for this page.
  }
}

function initialLocale(): DisplayLocale {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isDisplayLocale(asked)) {
    remember(asked);
    return asked;
  }
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // No storage: fall through to the browser's preferences.
  }
  return matchLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

interface LocaleState {
  locale: DisplayLocale;
  setLocale: (locale: DisplayLocale) => void;
}

// Counts picks, so a slow catalogue for an earlier pick cannot undo a later one.
let picks = 0;

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: initialLocale(),
  // The page changes language once the catalogue is here, not word by word through English.
  setLocale: (locale) => {
    remember(locale);
    picks += 1;
    const pick = picks;
    void loadLanguage(locale)
      .catch(() => undefined)
      .then(() => {
        if (pick === picks) set({ locale });
      });
  },
}));

function showLang(locale: DisplayLocale): void {
  document.documentElement.lang = locale;
}
showLang(useLocaleStore.getState().locale);
useLocaleStore.subscribe((state) => showLang(state.locale));
