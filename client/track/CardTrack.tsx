/**
 * A card's track from Vendor/Contractor to High Performance Partnership: the tray for an unplaced
 * chip, the axis with its ticks, and on it the group (once visible), the agreed mark, the
 * viewer's position last round, others' live drags and the viewer's own chip.
 */
import type { FinalPosition } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { percent } from '../format.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import type { RemoteDrag } from '../state/boardStore.ts';
import { AgreedMarker } from './AgreedMark.tsx';
import { CardChip } from './CardChip.tsx';
import { Distribution } from './Distribution.tsx';
import { cssLeft } from './dragGeometry.ts';
import { Ghost } from './Ghost.tsx';
import type { OwnChip } from './ownChip.ts';
import { useTrackRegistration } from './trackRegistry.ts';

const NO_DRAGS: readonly RemoteDrag[] = [];
const TICKS = [0, 0.25, 0.5, 0.75, 1];

export function CardTrack({
  card,
  own,
  stats,
  agreed,
  groupShown,
}: {
  card: RubricCard;
  own: OwnChip;
  stats: CardStats | undefined;
  agreed: FinalPosition | undefined;
  /** Whether the viewer sees the group's placements now (visibility.ts). */
  groupShown: boolean;
}) {
  const { me } = useBoardContext();
  const showNames = useBoard((state) => state.control.showNames);
  const drags = useBoard((state) => state.drags[card.id] ?? NO_DRAGS);
  const participants = useBoard((state) => state.participants);
  const { setAxis, setTray } = useTrackRegistration(card.id);
  const { owner, mine, lastRound, movable } = own;
  return (
    <div className="track">
      <div className="tray" ref={setTray}>
        {owner !== null && mine === null && (
          <>
            <CardChip card={card} placement={null} movable={movable} />
            {movable && <span className="tray-hint">Drag onto the line</span>}
          </>
        )}
        {owner === null && me.role === 'facilitator' && (
          <span className="tray-count" data-testid="placed-count">
            {stats?.placedCount ?? 0} placed
          </span>
        )}
      </div>
      <div className="axis" ref={setAxis}>
        <div className="axis-line" />
        {TICKS.map((tick) => (
          <span key={tick} className="tick" style={{ left: cssLeft(tick) }} aria-hidden="true" />
        ))}
        {groupShown && stats && (
          <Distribution
            stats={stats}
            participants={participants}
            showNames={showNames}
            viewerRole={me.role}
          />
        )}
        {groupShown && agreed && <AgreedMarker agreed={agreed} />}
        {lastRound && mine === null && (
          <span
            className="last-round"
            data-testid="last-round"
            style={{ left: cssLeft(lastRound.x) }}
            title={`Your position last round: ${percent(lastRound.x)}`}
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
          <CardChip card={card} placement={mine} movable={movable} />
        )}
      </div>
    </div>
  );
}
