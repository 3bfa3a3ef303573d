/**
 * The facilitator's session switches, in the People panel: names shown, joining open, and the
 * language of the wall and the report (a bilingual room may have both side by side).
 */
import { LANGUAGE_NAMES, type Locale } from '../../shared/i18n/locales.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

/** The choices, as the select's values; "own": each screen in its own viewer's language. */
const ROOM_LANGUAGE_CHOICES: Readonly<Record<string, Locale[] | null>> = {
  own: null,
  en: ['en'],
  es: ['es'],
  'en+es': ['en', 'es'],
  'es+en': ['es', 'en'],
};

function choiceOf(languages: readonly Locale[] | null): string {
  return languages && languages.length > 0 ? languages.join('+') : 'own';
}

export function SessionOptions() {
  const { actions } = useBoardContext();
  const { t } = useTranslator();
  const showNames = useBoard((state) => state.control.showNames);
  const joinOpen = useBoard((state) => state.control.joinOpen);
  const roomLanguages = useBoard((state) => state.control.roomLanguages);
  const locked = useBoard((state) => state.control.phase === 'final');
  return (
    <fieldset className="session-options">
      <legend className="visually-hidden">{t('facilitator.options.legend')}</legend>
      <label className="toggle">
        <input
          type="checkbox"
          checked={showNames}
          disabled={locked}
          onChange={(event) => actions.setShowNames(event.target.checked)}
        />
        {t('facilitator.options.showNames')}{' '}
        <span className="hint">{t('facilitator.options.showNamesHint')}</span>
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={joinOpen}
          disabled={locked}
          onChange={(event) => actions.setJoinOpen(event.target.checked)}
        />
        {t('facilitator.options.joinOpen')}
      </label>
      {locked && <p className="hint">{t('facilitator.options.locked')}</p>}
      <label className="room-language">
        {t('facilitator.options.roomLanguage')}
        <select
          value={choiceOf(roomLanguages)}
          data-testid="room-language"
          onChange={(event) =>
            actions.setRoomLanguages(ROOM_LANGUAGE_CHOICES[event.target.value] ?? null)
          }
        >
          <option value="own">{t('facilitator.options.roomLanguage.own')}</option>
          <option value="en" lang="en">
            {LANGUAGE_NAMES.en}
          </option>
          <option value="es" lang="es">
            {LANGUAGE_NAMES.es}
          </option>
          <option value="en+es">
            {t('facilitator.options.roomLanguage.both', {
              first: LANGUAGE_NAMES.en,
              second: LANGUAGE_NAMES.es,
            })}
          </option>
          <option value="es+en">
            {t('facilitator.options.roomLanguage.both', {
              first: LANGUAGE_NAMES.es,
              second: LANGUAGE_NAMES.en,
            })}
          </option>
        </select>
      </label>
    </fieldset>
  );
}
