/**
 * One element of the projector's wall, in the room's languages: the phone's wall list
 * (client/board/WallList.tsx) speaks its reader's language; the wall speaks the languages the
 * facilitator chose, and in a bilingual room shows each card's text in both, the second smaller
 * beneath the first. Sized exactly (layoutWall) so the whole board fits one screen.
 */
import type { CSSProperties } from 'react';
import { cardText, elementName, type LocalText } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { CONSENSUS_LABEL_COLORS } from '../../shared/palette.ts';
import type { Rubric, RubricCard, RubricElement } from '../../shared/rubric.ts';
import { rowHeight, type WallMetrics } from '../../shared/wallLayout.ts';
import { useWallPositions, type WallCard } from '../board/WallPositions.tsx';
import { labelText } from '../format.ts';
import { useBoard } from '../state/BoardContext.tsx';
import { cssLeft } from '../track/dragGeometry.ts';
import { InLanguages } from './InLanguages.tsx';
import '../board/wall.css';

export interface ProjectorWallSizing {
  metrics: WallMetrics;
  /** Lines of each card in the element's card order (from layoutWall). */
  lines: readonly number[];
}

/** A card's texts in the wall's languages, without repeating one that reads the same. */
export function wallCardTexts(
  rubric: Pick<Rubric, 'language'>,
  card: RubricCard,
  translators: readonly Translator[],
): LocalText[] {
  const texts = translators.map((tr) => cardText(rubric, card, tr));
  return texts.filter((text, index) => index === 0 || text.text !== texts[0]?.text);
}

/**
 * What layoutWall measures for a card: its texts one after the other, and room for the line the
 * second language starts on (it is smaller, so this never under-counts).
 */
export function wallCardMeasure(texts: readonly LocalText[]): string {
  return texts.length > 1
    ? `${texts.map((text) => text.text).join(' ')} ${'x'.repeat(12)}`
    : (texts[0]?.text ?? '');
}

export function ProjectorWallList({
  rubric,
  element,
  translators,
  sizing,
}: {
  rubric: Rubric;
  element: RubricElement;
  translators: readonly Translator[];
  sizing: ProjectorWallSizing;
}) {
  const positions = useWallPositions(element);
  const focus = useBoard((state) => state.control.focusCardId);
  const first = translators[0];
  const { metrics } = sizing;
  if (!first) return null;
  const names = translators.map((tr) => elementName(rubric, element, tr));
  const blockStyle: CSSProperties = {
    fontSize: `${metrics.fontPx}px`,
    lineHeight: `${metrics.lineHeightPx}px`,
    padding: `${metrics.blockPaddingPx / 2}px ${metrics.blockPaddingPx}px`,
    ['--track-share' as string]: `${metrics.trackShare * 100}%`,
  };
  const { notPlaced, tooFew } = positions;
  return (
    <section
      className="wall-list sized"
      aria-label={names[0]?.text}
      data-element-id={element.id}
      data-testid="wall-element"
      style={blockStyle}
    >
      <div
        className="wall-list-heading"
        style={{ height: `${metrics.headingPx}px`, lineHeight: `${metrics.headingPx}px` }}
      >
        <h3>
          <InLanguages texts={names} />
        </h3>
        <span className="wall-list-ends" aria-hidden="true">
          <span>← {first.t('projector.wall.vendorShort')}</span>
          <span>{first.t('projector.wall.partnershipShort')} →</span>
        </span>
      </div>
      <ol className="wall-list-cards">
        {positions.placed.map((entry) => (
          <Row
            key={entry.card.id}
            entry={entry}
            texts={wallCardTexts(rubric, entry.card, translators)}
            tr={first}
            focused={focus === entry.card.id}
            lines={sizing.lines[entry.index]}
            metrics={metrics}
          />
        ))}
      </ol>
      <div
        className="wall-list-footer"
        style={{ height: `${metrics.footerPx}px`, lineHeight: `${metrics.footerPx}px` }}
      >
        {tooFew > 0 && (
          <span className="hint wall-too-few" data-testid="wall-too-few">
            {first.t('projector.wall.tooFew', { count: tooFew })}
          </span>
        )}
        {notPlaced > 0 && (
          <span className="hint wall-not-placed" data-testid="wall-not-placed">
            {first.t('projector.wall.notPlaced', { count: notPlaced })}
          </span>
        )}
      </div>
    </section>
  );
}

function Row({
  entry,
  texts,
  tr,
  focused,
  lines,
  metrics,
}: {
  entry: WallCard;
  texts: readonly LocalText[];
  tr: Translator;
  focused: boolean;
  lines: number | undefined;
  metrics: WallMetrics;
}) {
  const { card, x, agreed, summary } = entry;
  const position = tr.percent(x);
  const where = agreed
    ? tr.t('projector.wall.agreed', { position })
    : tr.t('projector.wall.median', { position });
  const [main, second] = texts;
  return (
    <li
      className={`wall-list-row${focused ? ' focused' : ''}`}
      data-testid="wall-note"
      data-card-id={card.id}
      data-x={x}
      style={
        lines !== undefined
          ? {
              height: `${rowHeight(metrics, lines)}px`,
              paddingBlock: `${metrics.rowPaddingPx / 2}px`,
            }
          : undefined
      }
      title={tr.t('projector.wall.rowTitle', {
        card: main?.text ?? '',
        where,
        label: labelText(tr, summary.label),
      })}
    >
      <span
        className="wall-list-text"
        style={lines !== undefined ? { WebkitLineClamp: lines } : undefined}
      >
        <span className={`column-mark column-${card.column}`} aria-hidden="true">
          {card.column === 'vendor' ? 'V' : 'P'}
        </span>{' '}
        <span lang={main?.lang}>{main?.text}</span>
        {second && (
          <>
            <br />
            <span className="second-language" lang={second.lang}>
              {second.text}
            </span>
          </>
        )}
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
        {position}
      </span>
    </li>
  );
}
