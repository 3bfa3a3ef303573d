/**
 * The wall screen (opened with an observer link), laid out to fit one 16:9 screen at 1920×1080
 * and 1280×720 without scrolling, type in proportion to the screen's height (projectorType.ts).
 * Before the reveal: the join QR code and code (while joining is open and not hidden), the big
 * "21 of 29 finished" count, the timer and the elements. After it: the focused card with its
 * distribution and the wall of every card at the group's position (ProjectorWall.tsx). A deleted
 * board or a revoked link says so in large type and shows nothing else.
 * Loaded lazily: participants' phones never download it.
 */
import { AXIS_END_LABEL, AXIS_START_LABEL, rubricCards } from '../../shared/rubric.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { QrCode } from '../board/QrCode.tsx';
import { TimerDisplay } from '../board/TimerDisplay.tsx';
import { PHASE_LABELS, percent } from '../format.ts';
import { usePublicOrigin } from '../publicOrigin.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { useJoinCode } from '../state/useJoinCode.ts';
import { CardFigures } from '../track/CardFigures.tsx';
import { Distribution } from '../track/Distribution.tsx';
import { cssLeft } from '../track/dragGeometry.ts';
import { ProjectorElements } from './ProjectorElements.tsx';
import { ProjectorProgress } from './ProjectorProgress.tsx';
import { ProjectorStatus } from './ProjectorStatus.tsx';
import { ProjectorWall } from './ProjectorWall.tsx';
import { useJoinPanel } from './useJoinPanel.ts';
import { useLongOutage } from './useLongOutage.ts';
import './projector.css';

export default function ProjectorView() {
  const ended = useBoard((state) => state.ended);
  if (ended) return <ProjectorEnded reason={ended} />;
  return <ProjectorScreen />;
}

function ProjectorEnded({ reason }: { reason: 'deleted' | 'removed' }) {
  return (
    <main className="projector projector-ended" data-testid="projector-ended" data-reason={reason}>
      <h1>{reason === 'deleted' ? 'This board was deleted' : 'This projector link was revoked'}</h1>
      <p className="projector-ended-detail">
        {reason === 'deleted'
          ? 'The facilitator deleted the board; there is nothing more to show here.'
          : 'Ask the facilitator for a new projector link.'}
      </p>
    </main>
  );
}

function ProjectorScreen() {
  const title = useBoard((state) => state.meta?.title ?? '');
  const phase = useBoard((state) => state.control.phase);
  const round = useBoard((state) => state.control.round);
  const visible = distributionVisible(phase, 'observer', false);
  const join = useJoinPanel();
  const outage = useLongOutage();

  return (
    <div
      className={`projector${visible ? ' revealed' : ''}`}
      data-testid="projector"
      data-phase={phase}
    >
      <header className="projector-header">
        <h1>{title}</h1>
        <span className="projector-phase" data-testid="phase" data-phase={phase}>
          {PHASE_LABELS[phase]}
          {round > 1 ? ` · round ${round}` : ''}
        </span>
        <TimerDisplay large />
        <ProjectorStatus />
        {join.joinOpen && (
          <button
            type="button"
            className="link-button projector-join-toggle"
            aria-pressed={!join.shown}
            data-testid="join-toggle"
            onClick={join.toggle}
          >
            {join.shown ? 'Hide join code' : 'Show join code'}
          </button>
        )}
      </header>
      <div className="projector-body">
        {join.shown && <JoinPanel compact={visible} />}
        <main className="projector-main">
          {!visible && <ProjectorProgress />}
          <FocusedCard visible={visible} />
          {visible ? <ProjectorWall /> : <ProjectorElements />}
        </main>
      </div>
      {outage && (
        <p className="projector-outage" role="status" data-testid="projector-reconnecting">
          Reconnecting…
        </p>
      )}
    </div>
  );
}

function JoinPanel({ compact }: { compact: boolean }) {
  const { boardId } = useBoardContext();
  const joinCode = useJoinCode();
  const room = usePublicOrigin();
  const joinUrl = joinCode ? `${room.origin}/join/${boardId}#code=${joinCode}` : null;
  return (
    <aside
      className={`projector-join${compact ? ' compact' : ''}`}
      data-testid="join-panel"
      aria-label="How to join"
    >
      {joinUrl && <QrCode text={joinUrl} label={`Join link: ${joinUrl}`} />}
      <p>Join at</p>
      <p className="projector-url">{room.host}</p>
      <p>with the code</p>
      <p className="projector-code" data-testid="join-code">
        {joinCode ?? '…'}
      </p>
    </aside>
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
        <div className="projector-focus-figures">
          <div className="projector-focus-axis">
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
            <div className="projector-axis-labels" aria-hidden="true">
              <span>← {AXIS_START_LABEL}</span>
              <span>{AXIS_END_LABEL} →</span>
            </div>
          </div>
          <CardFigures stats={stats} total={total} viewerRole="observer" />
        </div>
      ) : (
        <p className="projector-coverage">
          {stats?.placedCount ?? 0} of {total} have placed this card
        </p>
      )}
    </section>
  );
}
