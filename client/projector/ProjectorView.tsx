/**
 * The wall screen (opened with an observer link), laid out to fit one 16:9 screen at 1920×1080
 * and 1280×720 without scrolling, type in proportion to the screen's height (projectorType.ts).
 * Before the reveal: the join QR code and code (while joining is open and not hidden), the big
 * "21 of 29 finished" count, the timer and the elements. After it: the focused card with its
 * distribution and the wall of every card at the group's position (ProjectorWall.tsx). A deleted
 * board or a revoked link says so in large type and shows nothing else.
 * Loaded lazily: participants' phones never download it.
 */

import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import { axisEnds, cardText } from '../../shared/i18n/rubricText.ts';
import { rubricCards } from '../../shared/rubric.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { InLanguages } from '../board/InLanguages.tsx';
import { QrCode } from '../board/QrCode.tsx';
import { TimerDisplay } from '../board/TimerDisplay.tsx';
import { phaseText } from '../format.ts';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
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
import { useWallLocale } from './useWallLocale.ts';
import { useWallTranslators } from './useWallTranslators.ts';
import './projector.css';

export default function ProjectorView() {
  const ended = useBoard((state) => state.ended);
  useWallLocale();
  if (ended) return <ProjectorEnded reason={ended} />;
  return <ProjectorScreen />;
}

function ProjectorEnded({ reason }: { reason: 'deleted' | 'removed' }) {
  const translators = useWallTranslators();
  const say = (key: MessageKey) => translators.map((tr) => ({ text: tr.t(key), lang: tr.lang }));
  return (
    <main className="projector projector-ended" data-testid="projector-ended" data-reason={reason}>
      <h1>
        <InLanguages
          texts={say(reason === 'deleted' ? 'projector.ended.deleted' : 'projector.ended.removed')}
        />
      </h1>
      <p className="projector-ended-detail">
        <InLanguages
          texts={say(
            reason === 'deleted'
              ? 'projector.ended.deletedDetail'
              : 'projector.ended.removedDetail',
          )}
        />
      </p>
    </main>
  );
}

function ProjectorScreen() {
  const title = useBoard((state) => state.meta?.title ?? '');
  const phase = useBoard((state) => state.control.phase);
  const round = useBoard((state) => state.control.round);
  const roomLanguages = useBoard((state) => state.control.roomLanguages);
  const visible = distributionVisible(phase, 'observer', false);
  const join = useJoinPanel();
  const outage = useLongOutage();
  const translators = useWallTranslators();
  const { t } = useTranslator();

  return (
    <div
      className={`projector${visible ? ' revealed' : ''}`}
      data-testid="projector"
      data-phase={phase}
    >
      <header className="projector-header">
        <h1>{title}</h1>
        <span className="projector-phase" data-testid="phase" data-phase={phase}>
          <InLanguages
            texts={translators.map((tr) => ({
              text:
                round > 1
                  ? tr.t('projector.header.phaseRound', { phase: phaseText(tr, phase), round })
                  : phaseText(tr, phase),
              lang: tr.lang,
            }))}
          />
        </span>
        <TimerDisplay large />
        <ProjectorStatus />
        {/* The room's languages, when the facilitator chose them, speak for this screen. */}
        {!roomLanguages && <LanguagePicker className="projector-language" />}
        {join.joinOpen && (
          <button
            type="button"
            className="link-button projector-join-toggle"
            aria-pressed={!join.shown}
            data-testid="join-toggle"
            onClick={join.toggle}
          >
            {join.shown ? t('projector.join.hide') : t('projector.join.show')}
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
          {t('projector.outage')}
        </p>
      )}
    </div>
  );
}

function JoinPanel({ compact }: { compact: boolean }) {
  const { boardId } = useBoardContext();
  const joinCode = useJoinCode();
  const room = usePublicOrigin();
  const translators = useWallTranslators();
  const { t } = useTranslator();
  const say = (key: MessageKey) => translators.map((tr) => ({ text: tr.t(key), lang: tr.lang }));
  const joinUrl = joinCode ? `${room.origin}/join/${boardId}#code=${joinCode}` : null;
  return (
    <aside
      className={`projector-join${compact ? ' compact' : ''}`}
      data-testid="join-panel"
      aria-label={t('projector.join.label')}
    >
      {joinUrl && <QrCode text={joinUrl} label={t('projector.join.qr', { url: joinUrl })} />}
      <p>
        <InLanguages texts={say('projector.join.at')} />
      </p>
      <p className="projector-url">{room.host}</p>
      <p>
        <InLanguages texts={say('projector.join.withCode')} />
      </p>
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
  const translators = useWallTranslators();
  const first = translators[0];
  const card = focus && rubric ? rubricCards(rubric).find((c) => c.id === focus) : undefined;
  if (!card || !rubric || !first) return null;
  const ends = translators.map((tr) => axisEnds(rubric, tr));
  return (
    <section
      className="projector-focus"
      data-testid="projector-focus"
      aria-label={first.t('projector.focus.label')}
    >
      <p className="projector-focus-text">
        <InLanguages texts={translators.map((tr) => cardText(rubric, card, tr))} />
      </p>
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
                  title={first.t('projector.focus.agreed', { position: first.percent(agreed.x) })}
                />
              )}
            </div>
            <div className="projector-axis-labels" aria-hidden="true">
              <span>
                ← <InLanguages texts={ends.map((end) => end.left)} />
              </span>
              <span>
                <InLanguages texts={ends.map((end) => end.right)} /> →
              </span>
            </div>
          </div>
          <CardFigures stats={stats} total={total} viewerRole="observer" />
        </div>
      ) : (
        <p className="projector-coverage">
          <InLanguages
            texts={translators.map((tr) => ({
              text: tr.t('projector.focus.coverage', { placed: stats?.placedCount ?? 0, total }),
              lang: tr.lang,
            }))}
          />
        </p>
      )}
    </section>
  );
}
