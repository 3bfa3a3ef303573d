/**
 * One element of the wall as a list: its cards from the vendor end to the partnership end, each
 * with its position as a small track (the middle half of the group as a band, the median or
 * agreed position as a mark). The phone's wall (readable at 360 px) and the projector's, where
 * `sizing` gives exact row heights and lines so the whole board fits one screen.
 */
import type { CSSProperties } from 'react';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import type { RubricElement } from '../../shared/rubric.ts';
import { rowHeight, type WallMetrics } from '../../shared/wallLayout.ts';
import { LABEL_TEXT, percent } from '../format.ts';
import { useBoard } from '../state/BoardContext.tsx';
import { cssLeft } from '../track/dragGeometry.ts';
import { useWallPositions, type WallCard, WallUnplaced } from './WallPositions.tsx';

/** Short axis ends: the full labels run together on narrow columns. */
export const SHORT_START_LABEL = 'Vendor';
export const SHORT_END_LABEL = 'Partnership';

export interface WallListSizing {
  metrics: WallMetrics;
  /** Lines of each card in the element's card order (from layoutWall). */
  lines: readonly number[];
}

export function WallList({ element, sizing }: { element: RubricElement; sizing?: WallListSizing }) {
  const positions = useWallPositions(element);
  const focus = useBoard((state) => state.control.focusCardId);
  const metrics = sizing?.metrics;
  const blockStyle: CSSProperties | undefined = metrics && {
    fontSize: `${metrics.fontPx}px`,
    lineHeight: `${metrics.lineHeightPx}px`,
    padding: `${metrics.blockPaddingPx / 2}px ${metrics.blockPaddingPx}px`,
    ['--track-share' as string]: `${metrics.trackShare * 100}%`,
  };
  return (
    <section
      className={`wall-list${metrics ? ' sized' : ''}`}
      aria-label={element.name}
      data-element-id={element.id}
      data-testid="wall-element"
      style={blockStyle}
    >
      <div
        className="wall-list-heading"
        style={
          metrics && { height: `${metrics.headingPx}px`, lineHeight: `${metrics.headingPx}px` }
        }
      >
        <h3>{element.name}</h3>
        <span className="wall-list-ends" aria-hidden="true">
          <span>← {SHORT_START_LABEL}</span>
          <span>{SHORT_END_LABEL} →</span>
        </span>
      </div>
      <ol className="wall-list-cards">
        {positions.placed.map((entry) => (
          <WallListRow
            key={entry.card.id}
            entry={entry}
            focused={focus === entry.card.id}
            lines={sizing?.lines[entry.index]}
            metrics={metrics}
          />
        ))}
      </ol>
      <div
        className="wall-list-footer"
        style={metrics && { height: `${metrics.footerPx}px`, lineHeight: `${metrics.footerPx}px` }}
      >
        <WallUnplaced positions={positions} />
      </div>
    </section>
  );
}

function WallListRow({
  entry,
  focused,
  lines,
  metrics,
}: {
  entry: WallCard;
  focused: boolean;
  lines: number | undefined;
  metrics: WallMetrics | undefined;
}) {
  const { card, x, agreed, summary } = entry;
  const where = `${agreed ? 'agreed' : 'median'} ${percent(x)}`;
  return (
    <li
      className={`wall-list-row${focused ? ' focused' : ''}`}
      data-testid="wall-note"
      data-card-id={card.id}
      data-x={x}
      style={
        metrics && lines !== undefined
          ? {
              height: `${rowHeight(metrics, lines)}px`,
              paddingBlock: `${metrics.rowPaddingPx / 2}px`,
            }
          : undefined
      }
      title={`${card.text} — ${where}, ${LABEL_TEXT[summary.label]}`}
    >
      <span
        className="wall-list-text"
        style={lines !== undefined ? { WebkitLineClamp: lines } : undefined}
      >
        <span className={`column-mark column-${card.column}`} aria-hidden="true">
          {card.column === 'vendor' ? 'V' : 'P'}
        </span>{' '}
        {card.text}
      </span>
      <span className="wall-list-track" role="img" aria-label={where}>
        <span className="wall-list-line" />
        {summary.q1 !== null && summary.q3 !== null && (
          <span
            className="wall-list-band"
            style={{ left: cssLeft(summary.q1), width: cssLeft(summary.q3 - summary.q1) }}
          />
        )}
        <span
          className={`wall-list-mark${agreed ? ' agreed' : ''}`}
          style={{ left: cssLeft(x), borderColor: CONSENSUS_LABEL_COLORS[summary.label] }}
        />
      </span>
      <span className="wall-list-value" aria-hidden="true">
        {percent(x)}
      </span>
    </li>
  );
}
