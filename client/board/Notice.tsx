/** A message for this screen (e.g. placing has closed, the connection stopped) until dismissed. */
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function Notice() {
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
        Dismiss
      </button>
    </div>
  );
}
