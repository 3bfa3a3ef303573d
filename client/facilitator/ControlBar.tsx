/**
 * The facilitator's controls beside the phase stepper: peek during a silent round (only on this
 * screen), show names, open or close joining, and start a new round on the board or an element.
 */
import { useState } from 'react';
import type { RubricElement } from '../../shared/rubric.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { setUi } from '../state/boardStore.ts';

// Selectors must return stable values: a fresh [] each time would re-render forever.
const NO_ELEMENTS: readonly RubricElement[] = [];

export function ControlBar() {
  const { store, actions } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  const peek = useBoard((state) => state.ui.peek);
  const showNames = useBoard((state) => state.control.showNames);
  const joinOpen = useBoard((state) => state.control.joinOpen);
  const elements = useBoard((state) => state.meta?.rubric.elements ?? NO_ELEMENTS);
  const [scope, setScope] = useState('board');
  const locked = phase === 'final';
  return (
    <fieldset className="control-bar">
      <legend className="visually-hidden">Facilitator controls</legend>
      {(phase === 'placing' || phase === 'setup') && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={peek}
            onChange={(event) => setUi(store, { peek: event.target.checked })}
          />
          Peek at placements <span className="hint">(only you)</span>
        </label>
      )}
      <label className="toggle">
        <input
          type="checkbox"
          checked={showNames}
          disabled={locked}
          onChange={(event) => actions.setShowNames(event.target.checked)}
        />
        Show names
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
      {!locked && phase !== 'placing' && (
        <span className="new-round">
          <label htmlFor="round-scope" className="visually-hidden">
            New round on
          </label>
          <select id="round-scope" value={scope} onChange={(event) => setScope(event.target.value)}>
            <option value="board">the whole board</option>
            {elements.map((element) => (
              <option key={element.id} value={element.id}>
                {element.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => {
              const element = elements.find((candidate) => candidate.id === scope);
              actions.startRound(element ? element.cards.map((card) => card.id) : null);
            }}
          >
            Start a new round
          </button>
        </span>
      )}
    </fieldset>
  );
}
