/** One Element of Partnership: its cards, each on its own track between the two ends. */
import { memo } from 'react';
import { AXIS_END_LABEL, AXIS_START_LABEL, type RubricElement } from '../../shared/rubric.ts';
import { CardRow } from './CardRow.tsx';

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
        <div className="axis-labels" aria-hidden="true">
          <span>← {AXIS_START_LABEL}</span>
          <span>{AXIS_END_LABEL} →</span>
        </div>
      </header>
      <ol className="card-list">
        {element.cards.map((card) => (
          <CardRow key={card.id} card={card} />
        ))}
      </ol>
    </section>
  );
});
