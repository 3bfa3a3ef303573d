/**
 * The wall screen (opened with an observer link): large type, legible from the back of a room on
 * 1920×1080. The join QR code and code, the timer, the phase, "18 of 24 have placed", the card
 * the facilitator focuses with its distribution once revealed, and the wall view of the board.
 * Loaded lazily: participants' phones never download it.
 */
import { AXIS_END_LABEL, AXIS_START_LABEL, rubricCards } from '../../shared/rubric.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { PlacedCount } from '../board/PlacedCount.tsx';
import { QrCode } from '../board/QrCode.tsx';
import { StatusBadge } from '../board/StatusBadge.tsx';
import { TimerDisplay } from '../board/TimerDisplay.tsx';
import { WallView } from '../board/WallView.tsx';
import { PHASE_LABELS, percent } from '../format.ts';
import { usePublicOrigin } from '../publicOrigin.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { useJoinCode } from '../state/useJoinCode.ts';
import { CardFigures } from '../track/CardFigures.tsx';
import { Distribution } from '../track/Distribution.tsx';
import { cssLeft } from '../track/dragGeometry.ts';
import './projector.css';

export default function ProjectorView() {
  const { boardId } = useBoardContext();
  const title = useBoard((state) => state.meta?.title ?? '');
  const phase = useBoard((state) => state.control.phase);
  const round = useBoard((state) => state.control.round);
  const joinOpen = useBoard((state) => state.control.joinOpen);
  const visible = distributionVisible(phase, 'observer', false);
  const joinCode = useJoinCode();
  const room = usePublicOrigin();
  const joinUrl = joinCode ? `${room.origin}/join/${boardId}#code=${joinCode}` : null;

  return (
    <div className="projector" data-testid="projector">
      <header className="projector-header">
        <h1>{title}</h1>
        <span className="projector-phase" data-testid="phase" data-phase={phase}>
          {PHASE_LABELS[phase]}
          {round > 1 ? ` · round ${round}` : ''}
        </span>
        <TimerDisplay large />
        <PlacedCount />
        <StatusBadge />
      </header>
      <div className="projector-body">
        {joinOpen && (
          <aside className="projector-join">
            {joinUrl && <QrCode text={joinUrl} label={`Join link: ${joinUrl}`} />}
            <p>Join at</p>
            <p className="projector-url">{room.host}</p>
            <p>with the code</p>
            <p className="projector-code" data-testid="join-code">
              {joinCode ?? '…'}
            </p>
          </aside>
        )}
        <main className="projector-main">
          <FocusedCard visible={visible} />
          {visible ? (
            <WallView />
          ) : (
            <p className="projector-prompt">
              Where does our partnership stand on each indicator today? Place your cards — the
              group's picture appears here when the facilitator reveals it.
            </p>
          )}
        </main>
      </div>
    </div>
  );
}

function FocusedCard({ visible }: { visible: boolean }) {
  const focus = useBoard((state) => state.control.focusCardId);
  const rubric = useBoard((state) => state.meta?.rubric ?? null);
  const stats = useBoard((state) => (focus ? state.stats[focus] : undefined));
  const participants = useBoard((state) => state.participants);
  const showNames = useBoard((state) => state.control.showNames);
  const agreed = useBoard((state) => (focus ? state.final[focus] : undefined));
  const total = useBoard((state) => state.countedTotal);
  const card = focus && rubric ? rubricCards(rubric).find((c) => c.id === focus) : undefined;
  if (!card) return null;
  return (
    <section className="projector-focus" data-testid="projector-focus" aria-label="Focused card">
      <p className="projector-focus-text">{card.text}</p>
      {visible && stats ? (
        <>
          <div className="axis projector-axis">
            <div className="axis-line" />
            <Distribution
              stats={stats}
              participants={participants}
              showNames={showNames}
              viewerRole="observer"
            />
            {agreed && (
              <span
                className="agreed-marker"
                style={{ left: cssLeft(agreed.x) }}
                title={`Agreed ${percent(agreed.x)}`}
              />
            )}
          </div>
          <div className="axis-labels projector-axis-labels">
            <span>← {AXIS_START_LABEL}</span>
            <span>{AXIS_END_LABEL} →</span>
          </div>
          <CardFigures stats={stats} total={total} viewerRole="observer" />
        </>
      ) : (
        <p className="projector-coverage">
          {stats?.placedCount ?? 0} of {total} have placed this card
        </p>
      )}
    </section>
  );
}
