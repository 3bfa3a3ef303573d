/** A message for this screen (e.g. placing has closed, the connection stopped) until dismissed. */
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function Notice() {
  const { t } = useTranslator();
  const { store } = useBoardContext();
  const notice = useBoard((state) => state.notice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span>{notice}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => store.setState({ notice: null })}
      >
        {t('board.notice.dismiss')}
      </button>
    </div>
  );
}
