/**
 * The connection on the wall: a dot while live, words otherwise. Not the board's badge: a
 * projector writes nothing, so "your changes are kept" would not be true of it.
 */
import { useBoard } from '../state/BoardContext.tsx';
import type { ConnectionStatus } from '../state/boardStore.ts';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  synced: 'Live',
  offline: 'Reconnecting…',
  error: 'Reconnecting…',
};

export function ProjectorStatus() {
  const status = useBoard((state) => state.status);
  return (
    <span
      className={`status-badge status-${status}`}
      role="status"
      data-testid="status-badge"
      data-status={status}
    >
      <span className="status-dot" aria-hidden="true" />
      {status === 'synced' ? <span className="visually-hidden">Live</span> : LABELS[status]}
    </span>
  );
}
