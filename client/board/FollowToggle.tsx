/** Participants follow the facilitator's focus (their screen scrolls to it) unless they opt out. */
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';

export function FollowToggle() {
  const { t } = useTranslator();
  const { me, store } = useBoardContext();
  const focus = useBoard((state) => state.control.focusCardId);
  const following = useBoard((state) => state.ui.following);
  if (me.role === 'facilitator' || focus === null) return null;
  return (
    <button
      type="button"
      className="follow-toggle secondary"
      aria-pressed={following}
      onClick={() => setUi(store, { following: !following })}
    >
      {following ? t('board.follow.on') : t('board.follow.off')}
    </button>
  );
}
