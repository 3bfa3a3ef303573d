/** The card the facilitator focused for the room, and clearing it. */
import { cardText } from '../../shared/i18n/rubricText.ts';
import { rubricCards } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function FocusControl() {
  const { actions } = useBoardContext();
  const tr = useTranslator();
  const focusId = useBoard((state) => state.control.focusCardId);
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const locked = useBoard((state) => state.control.phase === 'final');
  const card = focusId && rubric ? rubricCards(rubric).find((c) => c.id === focusId) : undefined;
  if (!card || !rubric) return null;
  const text = cardText(rubric, card, tr);
  return (
    <span className="focus-control" data-testid="focus-control">
      <span className="focus-text" title={text.text}>
        {tr.t('facilitator.focus.label')} <span lang={text.lang}>{text.text}</span>
      </span>
      {!locked && (
        <button
          type="button"
          className="secondary small-button focus-clear"
          aria-label={tr.t('facilitator.focus.clear')}
          title={tr.t('facilitator.focus.clear')}
          onClick={() => actions.setFocus(null)}
        >
          ×
        </button>
      )}
    </span>
  );
}
