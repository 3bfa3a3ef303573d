/**
 * A card's track from Vendor/Contractor to High Performance Partnership: the tray for an unplaced
 * chip, the axis with its ticks, and on it the group (once visible), the agreed mark, the
 * viewer's position last round, others' live drags and the viewer's own chip. The viewer's own
 * handle sits in a strip above the line, the group on the line and stacked below it, so the one
 * never hides the other; the track grows downward when many dots stack.
 */
import { type CSSProperties, useCallback, useMemo } from 'react';
import type { FinalPosition } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import { type DotStack, stackDots } from '../../shared/dotStacking.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { groupVisible } from '../../shared/visibility.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import type { RemoteDrag } from '../state/boardStore.ts';
import { AgreedMarker } from './AgreedMark.tsx';
import { AgreedPositionSlider } from './AgreedPositionSlider.tsx';
import { useAgreementDraft } from './agreementDraft.ts';
import { CardChip } from './CardChip.tsx';
import { CardSummary, groupSummary, summaryId } from './CardSummary.tsx';
import type { CardWords } from './cardWords.ts';
import { Distribution } from './Distribution.tsx';
import { cssLeft } from './dragGeometry.ts';
import { Ghost } from './Ghost.tsx';
import type { OwnChip } from './ownChip.ts';
import { BaselineMarker } from './SinceBaseline.tsx';
import { useTrackRegistration } from './trackRegistry.ts';
import { useWidth } from './useWidth.ts';

const NO_DRAGS: readonly RemoteDrag[] = [];
const TICKS = [0, 0.25, 0.5, 0.75, 1];
/** Dots as drawn when there is room; they shrink to the minimum before the track grows further. */
const DOT = { diameter: 12, minDiameter: 8, maxLevels: 12 };
/** The band of the line the median, band and first row of dots take (track.css --line-area). */
const LINE_AREA_PX = 28;

export function CardTrack({
  card,
  words,
  own,
  stats,
  agreed,
  groupShown,
}: {
  card: RubricCard;
  words: CardWords;
  own: OwnChip;
  stats: CardStats | undefined;
  agreed: FinalPosition | undefined;
  /** Whether the viewer sees the group's placements now (visibility.ts). */
  groupShown: boolean;
}) {
  const { me } = useBoardContext();
  const tr = useTranslator();
  const total = useBoard((state) => state.countedTotal);
  const agreeing = useAgreementDraft((state) => state.cardId === card.id);
  const showNames = useBoard((state) => state.control.showNames);
  const drags = useBoard((state) => state.drags[card.id] ?? NO_DRAGS);
  const participants = useBoard((state) => state.participants);
  const { setAxis, setTray } = useTrackRegistration(card.id);
  const { owner, mine, lastRound, movable, closed } = own;
  const group = groupShown && stats && groupVisible(stats.placedCount, me.role) ? stats : null;
  // The dots stack by the axis's width: read at once only when there are dots to draw.
  const [measureAxis, axisWidth] = useWidth<HTMLDivElement>(group !== null);
  const axisRef = useCallback(
    (element: HTMLDivElement | null) => {
      setAxis(element);
      measureAxis(element);
    },
    [setAxis, measureAxis],
  );
  const stack = useMemo(
    () =>
      group
        ? stackDots(
            group.placed.map((entry) => entry.placement.x),
            { axisWidth, ...DOT },
          )
        : null,
    [group, axisWidth],
  );
  // Once the group is shown, the chip and the agreement slider are described by its figures.
  const summary =
    groupShown && stats ? groupSummary(tr, stats, total, group !== null, agreed) : null;
  const describedBy = summary ? summaryId(card.id) : undefined;
  const agreementSlider = agreeing && me.role === 'facilitator';
  return (
    <div className={`track${owner !== null ? ' with-handle' : ''}`}>
      <div className="tray" ref={setTray} data-empty={owner === null || mine !== null}>
        {owner !== null && mine === null && (
          <>
            <CardChip
              card={card}
              words={words}
              placement={null}
              movable={movable}
              closed={closed}
              summaryId={describedBy}
            />
            <TrayHint movable={movable} closed={closed} />
          </>
        )}
        {owner === null && me.role === 'facilitator' && (
          <span className="tray-count" data-testid="placed-count">
            {tr.t('track.tray.placedCount', { count: stats?.placedCount ?? 0 })}
          </span>
        )}
      </div>
      {summary && describedBy && <CardSummary id={describedBy} text={summary} />}
      <div
        className={`axis${agreementSlider ? ' agreeing' : ''}`}
        ref={axisRef}
        style={stackHeight(stack)}
      >
        <div className="axis-line" />
        {TICKS.map((tick) => (
          <span key={tick} className="tick" style={{ left: cssLeft(tick) }} aria-hidden="true" />
        ))}
        {group && stack && (
          <Distribution
            stats={group}
            stack={stack}
            participants={participants}
            showNames={showNames}
            viewerRole={me.role}
            tr={tr}
          />
        )}
        {group?.since && <BaselineMarker since={group.since} />}
        {groupShown && agreed && <AgreedMarker agreed={agreed} />}
        {lastRound && mine === null && (
          <span
            className="last-round"
            data-testid="last-round"
            style={{ left: cssLeft(lastRound.x) }}
            title={tr.t('track.chip.lastRound', { position: tr.percent(lastRound.x) })}
          />
        )}
        {drags.map((drag) => (
          <Ghost
            key={drag.participantId}
            drag={drag}
            participant={participants[drag.participantId]}
            named={showNames || me.role === 'facilitator'}
          />
        ))}
        {owner !== null && mine !== null && (
          <CardChip
            card={card}
            words={words}
            placement={mine}
            movable={movable}
            closed={closed}
            summaryId={describedBy}
          />
        )}
        {agreementSlider && (
          <AgreedPositionSlider cardId={card.id} words={words} summaryId={describedBy} />
        )}
      </div>
    </div>
  );
}

function TrayHint({ movable, closed }: Pick<OwnChip, 'movable' | 'closed'>) {
  const tr = useTranslator();
  const key = movable
    ? 'track.tray.hint.movable'
    : closed === 'not-yet'
      ? 'track.tray.hint.notYet'
      : closed === 'locked'
        ? 'track.tray.hint.locked'
        : 'track.tray.hint.closed';
  return <span className="tray-hint">{tr.t(key)}</span>;
}

/** The extra height stacked dots need below the line's own area. */
function stackHeight(stack: DotStack | null): CSSProperties | undefined {
  if (!stack || stack.levelCount <= 1) return undefined;
  const below = (stack.levelCount - 1) * stack.diameter + stack.diameter / 2 - LINE_AREA_PX / 2;
  return { '--stack-extra': `${Math.max(0, Math.ceil(below) + 2)}px` } as CSSProperties;
}
