/** One Element of Partnership: its cards, each on its own track between the two ends. */
import { memo, useMemo } from 'react';
import { type HiddenOrganisations, hiddenOrganisations } from '../../shared/hiddenOrganisations.ts';
import { AXIS_END_LABEL, AXIS_START_LABEL, type RubricElement } from '../../shared/rubric.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { CardRow } from '../track/CardRow.tsx';
import { ElementFigures } from './ElementFigures.tsx';
import { LaneProgressText, useLaneProgress } from './LaneProgress.tsx';

export const ElementLane = memo(function ElementLane({
  element,
  index,
  activeOnPhone,
}: {
  element: RubricElement;
  index: number;
  activeOnPhone: boolean;
}) {
  const headingId = `element-${element.id}`;
  const { me } = useBoardContext();
  const visible = useBoard((state) =>
    distributionVisible(state.control.phase, me.role, state.ui.peek),
  );
  const summary = useBoard((state) => state.elements[element.id]);
  const organisations = useBoard((state) => state.elementOrganisations[element.id]);
  // As a string, so the selector returns a value the store can compare between updates.
  const hiddenJson = useBoard((state) =>
    JSON.stringify(
      hiddenOrganisations(element.cards.map((card) => state.stats[card.id]?.organisations ?? [])),
    ),
  );
  const hidden = useMemo(() => JSON.parse(hiddenJson) as HiddenOrganisations, [hiddenJson]);
  const progress = useLaneProgress(element);
  return (
    <section
      className={`element-lane${activeOnPhone ? ' active-on-phone' : ''}`}
      aria-labelledby={headingId}
      data-element-id={element.id}
    >
      <header className="element-header">
        <h2 id={headingId}>
          <span className="element-number">{index + 1}</span> {element.name}
        </h2>
        <LaneProgressText progress={progress} />
        {visible && summary && (
          <ElementFigures summary={summary} organisations={organisations} hidden={hidden} />
        )}
        <div className="axis-labels" aria-hidden="true">
          <span>
            ← <span className="label-long">{AXIS_START_LABEL}</span>
            <span className="label-short">Vendor</span>
          </span>
          <span>
            <span className="label-long">{AXIS_END_LABEL}</span>
            <span className="label-short">Partnership</span> →
          </span>
        </div>
      </header>
      <ol className="card-list">
        {element.cards.map((card) => (
          <CardRow key={card.id} card={card} laneShownOnPhone={activeOnPhone} />
        ))}
      </ol>
    </section>
  );
});
