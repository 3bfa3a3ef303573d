/**
 * One Element of Partnership: its cards, each on its own track between the two ends. On phones,
 * where tabs pick one element at a time, the lane is the tab's panel; otherwise a region named
 * by its heading.
 */
import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import { type HiddenOrganisations, hiddenOrganisations } from '../../shared/hiddenOrganisations.ts';
import { axisEnds, elementName, shortAxisEnds } from '../../shared/i18n/rubricText.ts';
import type { Rubric, RubricElement } from '../../shared/rubric.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { CardRow } from '../track/CardRow.tsx';
import { ElementFigures } from './ElementFigures.tsx';
import { LaneProgressText, useLaneProgress } from './LaneProgress.tsx';
import { elementHeadingId, elementLaneId, elementTabId } from './laneIds.ts';

export const ElementLane = memo(function ElementLane({
  rubric,
  element,
  index,
  activeOnPhone,
  asTabPanel,
}: {
  rubric: Rubric;
  element: RubricElement;
  index: number;
  activeOnPhone: boolean;
  /** Whether the element tabs show (phones): the lane is then their tab panel. */
  asTabPanel: boolean;
}) {
  const tr = useTranslator();
  const headingId = elementHeadingId(element.id);
  const { me } = useBoardContext();
  const visible = useBoard((state) =>
    distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  const summary = useBoard((state) => state.elements[element.id]);
  const organisations = useBoard((state) => state.elementOrganisations[element.id]);
  const since = useBoard((state) => state.since.elements[element.id] ?? null);
  // As a string, so the selector returns a value the store can compare between updates.
  const hiddenJson = useBoard((state) =>
    JSON.stringify(
      hiddenOrganisations(element.cards.map((card) => state.stats[card.id]?.organisations ?? [])),
    ),
  );
  const hidden = useMemo(() => JSON.parse(hiddenJson) as HiddenOrganisations, [hiddenJson]);
  const progress = useLaneProgress(element);
  const cardsShown = useCardsShown(
    asTabPanel ? (activeOnPhone ? FIRST_SCREEN_CARDS : 0) : element.cards.length,
    element.cards.length,
  );
  const name = elementName(rubric, element, tr);
  const ends = axisEnds(rubric, tr);
  const short = shortAxisEnds(rubric, tr);
  return (
    <section
      id={elementLaneId(element.id)}
      className={`element-lane${activeOnPhone ? ' active-on-phone' : ''}`}
      {...(asTabPanel
        ? { role: 'tabpanel', 'aria-labelledby': elementTabId(element.id) }
        : { 'aria-labelledby': headingId })}
      data-element-id={element.id}
    >
      <header className="element-header">
        <h2 id={headingId}>
          <span className="element-number">{tr.number(index + 1)}</span>{' '}
          <span lang={name.lang}>{name.text}</span>
        </h2>
        <LaneProgressText progress={progress} />
        {visible && summary && (
          <ElementFigures
            summary={summary}
            organisations={organisations}
            hidden={hidden}
            since={since}
          />
        )}
        <div className="axis-labels" aria-hidden="true">
          <span>
            ←{' '}
            <span className="label-long" lang={ends.left.lang}>
              {ends.left.text}
            </span>
            <span className="label-short" lang={short.left.lang}>
              {short.left.text}
            </span>
          </span>
          <span>
            <span className="label-long" lang={ends.right.lang}>
              {ends.right.text}
            </span>
            <span className="label-short" lang={short.right.lang}>
              {short.right.text}
            </span>{' '}
            →
          </span>
        </div>
      </header>
      <ol className="card-list">
        {element.cards.slice(0, cardsShown).map((card) => (
          <CardRow key={card.id} card={card} laneShownOnPhone={activeOnPhone} />
        ))}
      </ol>
    </section>
  );
});

/** The cards a phone's first screen shows of the lane in view, below its tabs and heading. */
const FIRST_SCREEN_CARDS = 3;

/**
 * How many of a lane's cards to render: on phones, until the first screen has been painted, none
 * of a lane hidden behind another tab and only the first screen's of the lane in view; then all,
 * as a transition the browser may interrupt. A phone shows the cards in view first instead of
 * building all six lanes' fifty. Once shown, they stay.
 */
function useCardsShown(first: number, all: number): number {
  const [complete, setComplete] = useState(first >= all);
  useEffect(() => {
    if (!complete) startTransition(() => setComplete(true));
  }, [complete]);
  return complete ? all : first;
}
