/**
 * The facilitator's bar in the header, one row: phase, timer, peek or focus, the round, and
 * panels (people and the session's switches, the invitation, export) that open on demand, all
 * closed at first, so the board starts right below. One lazily loaded chunk, so participants never download it.
 */
import { PhaseStepper } from '../board/PhaseStepper.tsx';
import { Popover } from '../board/Popover.tsx';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoardContext } from '../state/BoardContext.tsx';
import { useJoinCode } from '../state/useJoinCode.ts';
import ExportMenu from './ExportMenu.tsx';
import { FocusControl } from './FocusControl.tsx';
import { PeekToggle } from './PeekToggle.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { RoundControl } from './RoundControl.tsx';
import { SharePanel } from './SharePanel.tsx';
import { TimerControls } from './TimerControls.tsx';
import './facilitator.css';

export default function FacilitatorTools() {
  const { boardId, me } = useBoardContext();
  const joinCode = useJoinCode();
  const { t } = useTranslator();
  return (
    <section className="facilitator-bar" aria-label={t('facilitator.bar.label')}>
      <PhaseStepper />
      <TimerControls />
      <PeekToggle />
      <FocusControl />
      <RoundControl />
      <span className="bar-spacer" />
      <PeoplePanel />
      <Popover
        label={t('facilitator.invite.button')}
        title={t('facilitator.invite.title')}
        panelClassName="invite-panel"
        align="end"
      >
        <SharePanel boardId={boardId} joinCode={joinCode} me={me} />
      </Popover>
      <ExportMenu />
    </section>
  );
}
