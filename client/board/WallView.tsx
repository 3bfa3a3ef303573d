/**
 * The wall: each element as one shared axis with every card sitting at its agreed position (or
 * the group's median) like sticky notes, the middle half of the group as a bar behind it. The
 * picture of the board people take home; also on the projector.
 */
import { memo } from 'react';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import type { RubricElement } from '../../shared/rubric.ts';
import { AXIS_END_LABEL, AXIS_START_LABEL } from '../../shared/rubric.ts';
import { groupVisible } from '../../shared/visibility.ts';
import { packNotes } from '../../shared/wallLayout.ts';
import { LABEL_TEXT, percent } from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { cssLeft } from '../track/dragGeometry.ts';
import './wall.css';

const NOTE_WIDTH = 0.16;
const ROW_HEIGHT_REM = 3.4;

function shortText(text: string, words = 7): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}…`;
}

const WallElement = memo(function WallElement({ element }: { element: RubricElement }) {
  const { me } = useBoardContext();
  const stats = useBoard((state) => state.stats);
  const agreed = useBoard((state) => state.final);
  const focus = useBoard((state) => state.control.focusCardId);
  const items = element.cards.flatMap((card) => {
    const placed = stats[card.id]?.placedCount ?? 0;
    // An agreed position is the group's; a median of one or two people is not shown.
    const median = groupVisible(placed, me.role) ? stats[card.id]?.summary.median : null;
    const x = agreed[card.id]?.x ?? median ?? null;
    return x === null ? [] : [{ id: card.id, x }];
  });
  const notes = packNotes(items, NOTE_WIDTH);
  const rows = Math.max(1, ...notes.map((note) => note.row + 1));
  const unplaced = element.cards.length - items.length;
  return (
    <section className="wall-element" aria-label={element.name} data-element-id={element.id}>
      <h3>{element.name}</h3>
      <div className="wall-axis" style={{ height: `${rows * ROW_HEIGHT_REM + 1}rem` }}>
        <div className="wall-line" />
        {notes.map((note) => {
          const card = element.cards.find((candidate) => candidate.id === note.id);
          const summary = stats[note.id]?.summary;
          if (!card || !summary) return null;
          const top = `${note.row * ROW_HEIGHT_REM + 0.5}rem`;
          return (
            <div key={note.id} className="wall-note-slot" style={{ top }}>
              {summary.q1 !== null && summary.q3 !== null && (
                <span
                  className="wall-spread"
                  style={{ left: cssLeft(summary.q1), width: cssLeft(summary.q3 - summary.q1) }}
                />
              )}
              <span
                className={`wall-note${focus === card.id ? ' focused' : ''}`}
                data-testid="wall-note"
                data-card-id={card.id}
                style={{
                  left: cssLeft(note.left),
                  width: cssLeft(NOTE_WIDTH),
                  borderColor: CONSENSUS_LABEL_COLORS[summary.label],
                }}
                title={`${card.text} — ${agreed[card.id] ? 'agreed' : 'median'} ${percent(note.x)}, ${LABEL_TEXT[summary.label]}`}
              >
                <span className={`column-mark column-${card.column}`} aria-hidden="true">
                  {card.column === 'vendor' ? 'V' : 'P'}
                </span>
                {shortText(card.text)}
                {agreed[card.id] && <span className="wall-agreed"> ◆</span>}
              </span>
            </div>
          );
        })}
      </div>
      <div className="axis-labels wall-labels" aria-hidden="true">
        <span>← {AXIS_START_LABEL}</span>
        {unplaced > 0 && <span className="hint">{unplaced} not placed yet</span>}
        <span>{AXIS_END_LABEL} →</span>
      </div>
    </section>
  );
});

export function WallView() {
  const elements = useBoard((state) => state.meta?.rubric.elements);
  if (!elements) return null;
  return (
    <div className="wall" data-testid="wall-view">
      {elements.map((element) => (
        <WallElement key={element.id} element={element} />
      ))}
    </div>
  );
}
