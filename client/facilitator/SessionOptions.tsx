/** The facilitator's session switches, in the People panel: names shown, joining open. */
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function SessionOptions() {
  const { actions } = useBoardContext();
  const showNames = useBoard((state) => state.control.showNames);
  const joinOpen = useBoard((state) => state.control.joinOpen);
  const locked = useBoard((state) => state.control.phase === 'final');
  return (
    <fieldset className="session-options">
      <legend className="visually-hidden">Session options</legend>
      <label className="toggle">
        <input
          type="checkbox"
          checked={showNames}
          disabled={locked}
          onChange={(event) => actions.setShowNames(event.target.checked)}
        />
        Show names <span className="hint">(next to placements, for everyone)</span>
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={joinOpen}
          disabled={locked}
          onChange={(event) => actions.setJoinOpen(event.target.checked)}
        />
        Joining open
      </label>
      {locked && <p className="hint">The board is locked: reopen it to change these.</p>}
    </fieldset>
  );
}
