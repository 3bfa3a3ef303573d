/**
 * The connection on the wall: a dot while live, words otherwise. Not the board's badge: a
 * projector writes nothing, so "your changes are kept" would not be true of it.
 */
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';
import type { ConnectionStatus } from '../state/boardStore.ts';

const LABELS: Record<ConnectionStatus, MessageKey> = {
  connecting: 'projector.status.connecting',
  synced: 'projector.status.live',
  offline: 'projector.status.reconnecting',
  error: 'projector.status.reconnecting',
};

export function ProjectorStatus() {
  const { t } = useTranslator();
  const status = useBoard((state) => state.status);
  return (
    <span
      className={`status-badge status-${status}`}
      role="status"
      data-testid="status-badge"
      data-status={status}
    >
      <span className="status-dot" aria-hidden="true" />
      {status === 'synced' ? (
        <span className="visually-hidden">{t(LABELS.synced)}</span>
      ) : (
        t(LABELS[status])
      )}
    </span>
  );
}
