/** Honest about the connection: connecting, live, offline (changes kept) or an error. */

import { useBoard } from '../state/BoardContext.tsx';
import type { ConnectionStatus } from '../state/boardStore.ts';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  synced: 'Live',
  offline: 'Offline — your changes are kept on this device',
  error: 'Not connected',
};

export function StatusBadge() {
  const status = useBoard((state) => state.status);
  return (
    <span
      className={`status-badge status-${status}`}
      role="status"
      data-testid="status-badge"
      data-status={status}
    >
      <span className="status-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
