/**
 * One element of the wall as a list: its cards from the vendor end to the partnership end, each
 * with its position as a small track (the middle half of the group as a band, the median or
 * agreed position as a mark). The phone's wall (readable at 360 px) speaks its reader's
 * language; the projector's speaks the languages the facilitator chose for the room, in a
 * bilingual room each card and name in both, the second smaller beneath the first, and `sizing`
 * gives it exact row heights and lines so the whole board fits one screen.
 */
import type { CSSProperties } from 'react';
import { elementName, type LocalText, shortAxisEnds } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import type { RubricElement } from '../../shared/rubric.ts';
import { rowHeight, type WallMetrics } from '../../shared/wallLayout.ts';
import { labelText } from '../format.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';
import { cssLeft } from '../track/dragGeometry.ts';
import { InLanguages } from './InLanguages.tsx';
import { useWallPositions, type WallCard, WallUnplaced } from './WallPositions.tsx';
import { wallCardTexts } from './wallCardTexts.ts';
import './wall.css';

export interface WallListSizing {
  metrics: WallMetrics;
  /** Lines of each card in the element's card order (from layoutWall). */
  lines: readonly number[];
}

export function WallList({
  element,
  translators,
  sizing,
}: {
  element: RubricElement;
  /** The wall's languages, the first leading (the room's); by default this person's own. */
  translators?: readonly Translator[];
  sizing?: WallListSizing;
}) {
  const own = useTranslator();
  const languages = translators ?? [own];
  const tr = languages[0] ?? own;
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const positions = useWallPositions(element);
  const focus = useBoard((state) => state.control.focusCardId);
  if (!rubric) return null;
  const short = shortAxisEnds(rubric, tr);
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
      aria-labelledby={`wall-list-${element.id}`}
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
        <h2 id={`wall-list-${element.id}`}>
          <InLanguages texts={languages.map((each) => elementName(rubric, element, each))} />
        </h2>
        <span className="wall-list-ends" aria-hidden="true">
          <span lang={short.left.lang}>← {short.left.text}</span>
          <span lang={short.right.lang}>{short.right.text} →</span>
        </span>
      </div>
      <ol className="wall-list-cards">
        {positions.placed.map((entry) => (
          <WallListRow
            key={entry.card.id}
            entry={entry}
            texts={wallCardTexts(rubric, entry.card, languages)}
            focused={focus === entry.card.id}
            lines={sizing?.lines[entry.index]}
            metrics={metrics}
            tr={tr}
          />
        ))}
      </ol>
      <div
        className="wall-list-footer"
        style={metrics && { height: `${metrics.footerPx}px`, lineHeight: `${metrics.footerPx}px` }}
      >
        <WallUnplaced positions={positions} tr={tr} />
      </div>
    </section>
  );
}

function WallListRow({
  entry,
  texts,
  focused,
  lines,
  metrics,
  tr,
}: {
  entry: WallCard;
  /** The card's text in each of the wall's languages (wallCardTexts). */
  texts: readonly LocalText[];
  focused: boolean;
  lines: number | undefined;
  metrics: WallMetrics | undefined;
  tr: Translator;
}) {
  const { card, x, agreed, summary } = entry;
  const where = tr.t(agreed ? 'board.wall.agreedAt' : 'board.wall.medianAt', {
    position: tr.percent(x),
  });
  return (
    <li
      className={`wall-list-row${focused ? ' focused' : ''}`}
      data-testid="wall-note"
      data-card-id={card.id}
      data-x={x}
      data-label={summary.label}
      style={
        metrics && lines !== undefined
          ? {
              height: `${rowHeight(metrics, lines)}px`,
              paddingBlock: `${metrics.rowPaddingPx / 2}px`,
            }
          : undefined
      }
      title={tr.t('board.wall.noteTitle', {
        card: texts[0]?.text ?? '',
        where,
        label: labelText(tr, summary.label),
      })}
    >
      <span
        className="wall-list-text"
        style={lines !== undefined ? { WebkitLineClamp: lines } : undefined}
      >
        <span className={`column-mark column-${card.column}`} aria-hidden="true">
          {tr.t(
            card.column === 'vendor' ? 'board.wall.columnVendor' : 'board.wall.columnPartnership',
          )}
        </span>{' '}
        <InLanguages texts={texts} lineBreak />
      </span>
      <span
        className="wall-list-track"
        role="img"
        aria-label={tr.t('board.wall.trackLabel', { where, label: labelText(tr, summary.label) })}
      >
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
        {tr.percent(x)}
      </span>
    </li>
  );
}
