/**
 * The facilitator's controls under the header: session controls, the timer, Export, people and
 * the invitation. One lazily loaded chunk, so participants never download it.
 */
import { useBoardContext } from '../state/BoardContext.tsx';
import { useJoinCode } from '../state/useJoinCode.ts';
import { ControlBar } from './ControlBar.tsx';
import ExportMenu from './ExportMenu.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { SharePanel } from './SharePanel.tsx';
import { TimerControls } from './TimerControls.tsx';
import './facilitator.css';

export default function FacilitatorTools() {
  const { boardId, me } = useBoardContext();
  const joinCode = useJoinCode();
  return (
    <div className="facilitator-tools">
      <ControlBar />
      <TimerControls />
      <ExportMenu />
      <PeoplePanel />
      <SharePanel boardId={boardId} joinCode={joinCode} me={me} />
    </div>
  );
}
