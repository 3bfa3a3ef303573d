/**
 * The facilitator's switch between the live board and the replay of the day (ReplayView.tsx,
 * loaded only when asked for), beside the board's other views in the header.
 */
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
