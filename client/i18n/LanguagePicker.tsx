/**
 * The language picker, on every page. Each language is named in itself ("Español"), marked with
 * its `lang`, so a person who cannot read the current language still finds their own.
 */
import { LANGUAGE_NAMES, LOCALES } from '../../shared/i18n/locales.ts';
import { useLocaleStore } from './localeStore.ts';
import { useTranslator } from './useTranslator.ts';

export function LanguagePicker({ className }: { className?: string }) {
  const { t } = useTranslator();
  const locale = useLocaleStore((state) => state.locale);
  const setLocale = useLocaleStore((state) => state.setLocale);
  return (
    <label className={['language-picker', className].filter(Boolean).join(' ')}>
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={locale}
        onChange={(event) => {
          const picked = LOCALES.find((candidate) => candidate === event.target.value);
          if (picked) setLocale(picked);
        }}
        data-testid="language-picker"
      >
        {LOCALES.map((candidate) => (
          <option key={candidate} value={candidate} lang={candidate}>
            {LANGUAGE_NAMES[candidate]}
          </option>
        ))}
      </select>
    </label>
  );
}
