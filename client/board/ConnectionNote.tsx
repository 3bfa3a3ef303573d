/**
 * On a phone the mini-bar has room for one word ("Offline"); this line under it says what that
 * means while it lasts.
 */
import { useBoard } from '../state/BoardContext.tsx';

export function ConnectionNote() {
  const status = useBoard((state) => state.status);
  if (status !== 'offline' && status !== 'error') return null;
  return (
    <p className="connection-note" data-testid="connection-note">
      {status === 'offline'
        ? 'Offline — your changes are kept on this phone and sent when the connection returns.'
        : 'Not connected to the board.'}
    </p>
  );
}
