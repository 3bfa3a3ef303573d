/**
 * Choosing a language twice in a row ends on the second choice, even when the first one's
 * catalogue arrives last (Español still on its way, then English).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const catalogues = vi.hoisted(() => new Map<string, () => void>());

// The catalogues arrive when the test says so; English is always here.
vi.mock('../../../client/i18n/languages.ts', () => ({
  loadLanguage: (locale: string) =>
    locale === 'en'
      ? Promise.resolve()
      : new Promise<void>((resolve) => catalogues.set(locale, resolve)),
}));

async function freshStore() {
  vi.resetModules();
  const storage = new Map<string, string>();
  vi.stubGlobal('window', { location: { search: '' } });
  vi.stubGlobal('navigator', { languages: ['en'], language: 'en' });
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
  });
  const { useLocaleStore } = await import('../../../client/i18n/localeStore.ts');
  return { useLocaleStore, storage };
}

/** Lets every settled load's callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  catalogues.clear();
  vi.unstubAllGlobals();
});

describe('picking a language', () => {
  it('ends on the latest pick when an earlier pick’s catalogue arrives last', async () => {
    const { useLocaleStore, storage } = await freshStore();
    useLocaleStore.getState().setLocale('es');
    useLocaleStore.getState().setLocale('en');
    await settle();
    expect(useLocaleStore.getState().locale).toBe('en');

    catalogues.get('es')?.();
    await settle();
    expect(useLocaleStore.getState().locale).toBe('en');
    expect(storage.get('continuum.language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('changes language once the catalogue is here', async () => {
    const { useLocaleStore } = await freshStore();
    useLocaleStore.getState().setLocale('es');
    await settle();
    expect(useLocaleStore.getState().locale).toBe('en');
    catalogues.get('es')?.();
    await settle();
    expect(useLocaleStore.getState().locale).toBe('es');
    expect(document.documentElement.lang).toBe('es');
  });
});
