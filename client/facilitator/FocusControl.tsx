/** The card the facilitator focused for the room, and clearing it. */
import { rubricCards } from '../../shared/rubric.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function FocusControl() {
  const { actions } = useBoardContext();
  const text = useBoard((state) => {
    const id = state.control.focusCardId;
    if (id === null || !state.meta) return null;
    return rubricCards(state.meta.rubric).find((card) => card.id === id)?.text ?? null;
  });
  const locked = useBoard((state) => state.control.phase === 'final');
  if (text === null) return null;
  return (
    <span className="focus-control" data-testid="focus-control">
      <span className="focus-text" title={text}>
        Focus: {text}
      </span>
      {!locked && (
        <button
          type="button"
          className="secondary small-button focus-clear"
          aria-label="Clear the focus"
          title="Clear the focus"
          onClick={() => actions.setFocus(null)}
        >
          ×
        </button>
      )}
    </span>
  );
}
