/**
 * Honest about the connection: connecting (or reconnecting, once it was live), live, offline
 * (changes kept) or an error. Compact on the phone's mini-bar: the dot and one word.
 */
import { useRef } from 'react';
import { useBoard } from '../state/BoardContext.tsx';
import type { ConnectionStatus } from '../state/boardStore.ts';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  synced: 'Live',
  offline: 'Offline — your changes are kept on this device',
  error: 'Not connected',
};

const SHORT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  synced: 'Live',
  offline: 'Offline',
  error: 'Not connected',
};

export function StatusBadge({ compact = false }: { compact?: boolean }) {
  const status = useBoard((state) => state.status);
  const wasLive = useRef(false);
  if (status === 'synced') wasLive.current = true;
  const reconnecting = status === 'connecting' && wasLive.current;
  const label = reconnecting ? 'Reconnecting…' : compact ? SHORT[status] : LABELS[status];
  return (
    <span
      className={`status-badge status-${status}${compact ? ' compact' : ''}`}
      role="status"
      data-testid="status-badge"
      data-status={status}
      title={compact ? LABELS[status] : undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
