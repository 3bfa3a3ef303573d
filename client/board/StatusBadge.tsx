/**
 * Honest about the connection: connecting (or reconnecting, once it was live), live, offline
 * (changes kept) or an error. Compact on the phone's mini-bar: the dot and one word.
 */
import { useRef } from 'react';
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';
import type { ConnectionStatus } from '../state/boardStore.ts';

const LABELS: Record<ConnectionStatus, MessageKey> = {
  connecting: 'board.status.connecting',
  synced: 'board.status.live',
  offline: 'board.status.offline',
  error: 'board.status.error',
};

const SHORT: Record<ConnectionStatus, MessageKey> = {
  connecting: 'board.status.connectingShort',
  synced: 'board.status.live',
  offline: 'board.status.offlineShort',
  error: 'board.status.error',
};

export function StatusBadge({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslator();
  const status = useBoard((state) => state.status);
  const wasLive = useRef(false);
  if (status === 'synced') wasLive.current = true;
  const reconnecting = status === 'connecting' && wasLive.current;
  const label = t(
    reconnecting ? 'board.status.reconnecting' : compact ? SHORT[status] : LABELS[status],
  );
  return (
    <span
      // Not a live region: losing and regaining the connection is announced once, by
      // client/state/useBoardConnection.ts.
      className={`status-badge status-${status}${compact ? ' compact' : ''}`}
      data-testid="status-badge"
      data-status={status}
      title={compact ? t(LABELS[status]) : undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
