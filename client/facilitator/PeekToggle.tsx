/** During a silent round the facilitator may look at the placements (only on this screen). */
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';

export function PeekToggle() {
  const { store } = useBoardContext();
  const { t } = useTranslator();
  const phase = useBoard((state) => state.control.phase);
  const peek = useBoard((state) => state.ui.peek);
  if (phase !== 'placing' && phase !== 'setup') return null;
  return (
    <label className="toggle peek-toggle">
      <input
        type="checkbox"
        checked={peek}
        onChange={(event) => setUi(store, { peek: event.target.checked })}
      />
      {t('facilitator.peek.label')} <span className="hint">{t('facilitator.peek.hint')}</span>
    </label>
  );
}
