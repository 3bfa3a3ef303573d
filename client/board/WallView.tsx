/**
 * The wall: each element as one shared axis with every card sitting at its agreed position (or
 * the group's median) like sticky notes, the middle half of the group as a bar behind it. The
 * picture of the board people take home. On a phone the notes would be a few letters wide, so
 * there each element is a list ordered by position (WallList.tsx); the projector lays the lists
 * out to fit its screen (projector/ProjectorWall.tsx).
 */
import { memo, useSyncExternalStore } from 'react';
import { axisEnds, cardText, elementName, shortAxisEnds } from '../../shared/i18n/rubricText.ts';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import type { Rubric, RubricElement } from '../../shared/rubric.ts';
import { packNotes } from '../../shared/wallLayout.ts';
import { labelText } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';
import { cssLeft } from '../track/dragGeometry.ts';
import { WallList } from './WallList.tsx';
import { useWallPositions, WallUnplaced } from './WallPositions.tsx';
import './wall.css';

const NOTE_WIDTH = 0.16;
/** A note: two clamped lines and its padding (wall.css), and the gap to the next row. */
const ROW_HEIGHT_REM = 3.5;
/** Below this, notes a sixth of the axis wide hold a word or two: the list reads better. */
const PHONE_QUERY = '(max-width: 720px)';

function subscribeToPhone(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function usePhoneWidth(): boolean {
  return useSyncExternalStore(subscribeToPhone, () => window.matchMedia(PHONE_QUERY).matches);
}

const WallElement = memo(function WallElement({
  rubric,
  element,
}: {
  rubric: Rubric;
  element: RubricElement;
}) {
  const tr = useTranslator();
  const name = elementName(rubric, element, tr);
  const ends = axisEnds(rubric, tr);
  const short = shortAxisEnds(rubric, tr);
  const positions = useWallPositions(element);
  const focus = useBoard((state) => state.control.focusCardId);
  const notes = packNotes(
    positions.placed.map((entry) => ({ id: entry.card.id, x: entry.x })),
    NOTE_WIDTH,
  );
  const byId = new Map(positions.placed.map((entry) => [entry.card.id, entry]));
  const rows = Math.max(1, ...notes.map((note) => note.row + 1));
  return (
    <section
      className="wall-element"
      aria-labelledby={`wall-element-${element.id}`}
      data-element-id={element.id}
      data-testid="wall-element"
    >
      <h2 id={`wall-element-${element.id}`} lang={name.lang}>
        {name.text}
      </h2>
      <div className="wall-axis" style={{ height: `${rows * ROW_HEIGHT_REM + 0.5}rem` }}>
        <div className="wall-line" />
        {notes.map((note) => {
          const entry = byId.get(note.id);
          if (!entry) return null;
          const { card, summary, agreed } = entry;
          const text = cardText(rubric, card, tr);
          const where = tr.t(agreed ? 'board.wall.agreedAt' : 'board.wall.medianAt', {
            position: tr.percent(note.x),
          });
          const top = `${note.row * ROW_HEIGHT_REM + 0.25}rem`;
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
                data-x={note.x}
                style={{
                  left: cssLeft(note.left),
                  width: cssLeft(NOTE_WIDTH),
                  borderColor: CONSENSUS_LABEL_COLORS[summary.label],
                }}
                data-label={summary.label}
                title={tr.t('board.wall.noteTitle', {
                  card: text.text,
                  where,
                  label: labelText(tr, summary.label),
                })}
              >
                <span className="wall-note-text" lang={text.lang}>
                  <span className={`column-mark column-${card.column}`} aria-hidden="true">
                    {tr.t(
                      card.column === 'vendor'
                        ? 'board.wall.columnVendor'
                        : 'board.wall.columnPartnership',
                    )}
                  </span>{' '}
                  {agreed && (
                    <span className="wall-agreed" title={tr.t('board.wall.agreedMark')}>
                      ◆{' '}
                    </span>
                  )}
                  {text.text}
                </span>
                <span className="visually-hidden">
                  {tr.t('board.wall.trackLabel', { where, label: labelText(tr, summary.label) })}
                </span>
              </span>
            </div>
          );
        })}
      </div>
      <div className="wall-labels">
        <span className="wall-end" aria-hidden="true">
          <span className="long" lang={ends.left.lang}>
            ← {ends.left.text}
          </span>
          <span className="short" lang={short.left.lang}>
            ← {short.left.text}
          </span>
        </span>
        <span className="wall-unplaced">
          <WallUnplaced positions={positions} tr={tr} />
        </span>
        <span className="wall-end end" aria-hidden="true">
          <span className="long" lang={ends.right.lang}>
            {ends.right.text} →
          </span>
          <span className="short" lang={short.right.lang}>
            {short.right.text} →
          </span>
        </span>
      </div>
    </section>
  );
});

export default function WallView() {
  const rubric = useBoard((state) => state.meta?.rubric);
  const phone = usePhoneWidth();
  if (!rubric) return null;
  return (
    <div className={`wall${phone ? ' wall-phone' : ''}`} data-testid="wall-view">
      {rubric.elements.map((element) =>
        phone ? (
          <WallList key={element.id} element={element} />
        ) : (
          <WallElement key={element.id} rubric={rubric} element={element} />
        ),
      )}
    </div>
  );
}
