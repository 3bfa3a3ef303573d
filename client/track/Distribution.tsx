/**
 * The group on one card's track: the IQR band, the median tick, the dots (anonymous unless the
 * facilitator shows names; hidden below three placements), and how the median moved since the
 * card's previous round. Dots that would touch stack below the line (shared/dotStacking.ts), so
 * a room of 60 stays 60 visible dots.
 */
import type { Participant, Role } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { DotStack } from '../../shared/dotStacking.ts';
import { shownName } from '../../shared/i18n/serverNames.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { groupVisible } from '../../shared/visibility.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { cssLeft } from './dragGeometry.ts';

/** A dot's place: its position, and the few pixels it was nudged aside in a full stack. */
function nudged(position: number, nudgePx: number): string {
  return nudgePx === 0 ? cssLeft(position) : `calc(${cssLeft(position)} + ${nudgePx}px)`;
}

export function Distribution({
  stats,
  stack,
  participants,
  showNames,
  viewerRole,
  tr: given,
}: {
  stats: CardStats;
  /** How the dots stack (CardTrack measures its axis); without it every dot sits on the line. */
  stack?: DotStack;
  participants: Readonly<Record<string, Participant>>;
  showNames: boolean;
  viewerRole: Role;
  /** The language to write titles in (a shared screen's own); else this person's. */
  tr?: Translator;
}) {
  const own = useTranslator();
  const tr = given ?? own;
  const { summary, placed, change } = stats;
  if (!groupVisible(stats.placedCount, viewerRole)) return null;
  const outliers = new Set(summary.outliers);
  const diameter = stack?.diameter ?? 12;
  return (
    <>
      {summary.q1 !== null && summary.q3 !== null && (
        <span
          className="iqr-band"
          data-testid="iqr-band"
          style={{ left: cssLeft(summary.q1), width: cssLeft(summary.q3 - summary.q1) }}
          title={tr.t('track.group.middleHalf', {
            q1: tr.percent(summary.q1),
            q3: tr.percent(summary.q3),
          })}
        />
      )}
      {change?.before.median != null && summary.median !== null && (
        <span
          className="median-move"
          data-testid="median-move"
          style={{
            left: cssLeft(Math.min(change.before.median, summary.median)),
            width: cssLeft(Math.abs(summary.median - change.before.median)),
          }}
          data-direction={summary.median >= change.before.median ? 'right' : 'left'}
          title={tr.t('track.group.medianMoved', {
            from: tr.percent(change.before.median),
            to: tr.percent(summary.median),
          })}
        />
      )}
      {placed.map(({ participantId, placement }, index) => {
        const level = stack ? stack.levels[index] : 0;
        if (level === null || level === undefined) return null;
        const who = participants[participantId];
        return (
          <span
            key={participantId}
            className={`dot${outliers.has(index) ? ' outlier' : ''}`}
            data-testid="placement-dot"
            style={{
              left: nudged(placement.x, stack?.nudges[index] ?? 0),
              top: `calc(var(--line-y, 50%) + ${level * diameter}px)`,
              width: diameter,
              height: diameter,
              margin: `${-diameter / 2}px 0 0 ${-diameter / 2}px`,
              borderWidth: diameter >= 10 ? 2 : 1,
              background: showNames ? who?.color : undefined,
            }}
            title={
              showNames
                ? tr.t('track.group.namedDot', {
                    name: who ? shownName(tr, who) : tr.t('track.ghost.someone'),
                    position: tr.percent(placement.x),
                  })
                : tr.percent(placement.x)
            }
          />
        );
      })}
      {summary.median !== null && (
        <span
          className="median-tick"
          data-testid="median"
          style={{ left: cssLeft(summary.median) }}
          title={tr.t('track.group.median', { median: tr.percent(summary.median) })}
        />
      )}
      {stack && stack.folded > 0 && (
        <span className="dots-folded">{tr.t('track.group.folded', { count: stack.folded })}</span>
      )}
    </>
  );
}
