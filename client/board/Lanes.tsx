/**
 * The board's elements: a lane of card rows per element (on phones one at a time, picked with
 * tabs), or the wall of notes once the group is visible and the viewer chose it.
 */
import { useEffect, useState } from 'react';
import { distributionVisible } from '../../shared/visibility.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { BoardDnd } from '../track/BoardDnd.tsx';
import { ElementLane } from './ElementLane.tsx';
import { ElementTabs } from './ElementTabs.tsx';
import { WallView } from './WallView.tsx';
import './lanes.css';

export function Lanes() {
  const { me } = useBoardContext();
  const elements = useBoard((state) => state.meta?.rubric.elements ?? null);
  // The wall shows the group, so only while the group is visible (a new round hides it again).
  const wall = useBoard(
    (state) =>
      state.ui.view === 'wall' && distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  // On phones one element shows at a time; the tabs pick which (hidden on wide screens).
  const [activeId, setActiveId] = useState<string | null>(null);
  // The card to bring into view: picked here, or focused by the facilitator while following.
  const wanted = useBoard(
    (state) =>
      state.ui.highlightedCardId ?? (state.ui.following ? state.control.focusCardId : null),
  );
  useEffect(() => {
    const element = elements?.find((e) => e.cards.some((card) => card.id === wanted));
    if (element) setActiveId(element.id);
  }, [wanted, elements]);
  if (!elements) return null;
  if (wall) {
    return (
      <main className="lanes">
        <WallView />
      </main>
    );
  }
  const active = activeId ?? elements[0]?.id;
  return (
    <BoardDnd>
      <ElementTabs elements={elements} active={active} onPick={setActiveId} />
      <main className="lanes">
        {elements.map((element, index) => (
          <ElementLane
            key={element.id}
            element={element}
            index={index}
            activeOnPhone={element.id === active}
          />
        ))}
      </main>
    </BoardDnd>
  );
}
