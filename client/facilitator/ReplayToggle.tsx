/** Replays the day's figures instead of the live board, on this screen only (client/replay/). */
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';

export function ReplayToggle() {
  const { store } = useBoardContext();
  const { t } = useTranslator();
  const replay = useBoard((state) => state.ui.replay);
  return (
    <button
      type="button"
      className={`small-button${replay ? '' : ' secondary'}`}
      aria-pressed={replay}
      onClick={() => setUi(store, { replay: !replay })}
    >
      {t('timeline.replay.button')}
    </button>
  );
}
