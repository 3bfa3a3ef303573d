/** Tracks (one per card) or the wall (each element as one shared axis), once the group shows. */

import { distributionVisible } from '../../shared/visibility.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';

export function ViewToggle() {
  const { t } = useTranslator();
  const { me, store } = useBoardContext();
  const view = useBoard((state) => state.ui.view);
  const visible = useBoard((state) =>
    distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  if (!visible) return null;
  return (
    <span className="view-toggle">
      {(['tracks', 'wall'] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={view === option}
          className={`small-button${view === option ? '' : ' secondary'}`}
          onClick={() => setUi(store, { view: option })}
        >
          {option === 'tracks' ? t('board.view.cards') : t('board.view.wall')}
        </button>
      ))}
    </span>
  );
}
