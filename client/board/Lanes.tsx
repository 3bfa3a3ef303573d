/**
 * The board's elements: a lane of card rows per element (on phones one at a time, picked with
 * tabs), or the wall of notes once the group is visible and the viewer chose it. The container
 * is the page's main landmark and the skip link's target.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type { Rubric } from '../../shared/rubric.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { BoardDnd } from '../track/BoardDnd.tsx';
import { ElementLane } from './ElementLane.tsx';
import { ElementTabs } from './ElementTabs.tsx';
import { BOARD_LANES_ID } from './SkipLink.tsx';
import { useIsPhone } from './useIsPhone.ts';
import './lanes.css';

// Only once the group is visible and chosen: not part of a phone's first screen.
const WallView = lazy(() => import('./WallView.tsx'));

export function Lanes() {
  const { t } = useTranslator();
  const { me } = useBoardContext();
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const phone = useIsPhone();
  // The wall shows the group, so only while the group is visible (a new round hides it again).
  const wall = useBoard(
    (state) =>
      state.ui.view === 'wall' && distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  // The card to bring into view: picked here, or focused by the facilitator while following.
  const wanted = useBoard(
    (state) =>
      state.ui.highlightedCardId ?? (state.ui.following ? state.control.focusCardId : null),
  );
  // On phones one element shows at a time; the tabs pick which (hidden on wide screens). The
  // wanted card's from the start, so the first screen is not drawn twice.
  const [activeId, setActiveId] = useState(() => elementShowing(rubric, wanted));
  useEffect(() => {
    const element = elementShowing(rubric, wanted);
    if (element) setActiveId(element);
  }, [wanted, rubric]);
  if (!rubric) return null;
  const container = {
    id: BOARD_LANES_ID,
    className: 'lanes',
    tabIndex: -1,
    'aria-label': t('board.lanes.label'),
  };
  if (wall) {
    return (
      <main {...container}>
        <Suspense fallback={null}>
          <WallView />
        </Suspense>
      </main>
    );
  }
  const active = activeId ?? rubric.elements[0]?.id;
  return (
    <BoardDnd>
      <main {...container}>
        <ElementTabs rubric={rubric} active={active} onPick={setActiveId} />
        {rubric.elements.map((element, index) => (
          <ElementLane
            key={element.id}
            rubric={rubric}
            element={element}
            index={index}
            activeOnPhone={element.id === active}
            asTabPanel={phone}
          />
        ))}
      </main>
    </BoardDnd>
  );
}

/** The element holding `cardId`, if any. */
function elementShowing(rubric: Rubric | null, cardId: string | null): string | null {
  return rubric?.elements.find((e) => e.cards.some((card) => card.id === cardId))?.id ?? null;
}
