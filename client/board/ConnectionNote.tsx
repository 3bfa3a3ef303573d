/**
 * On a phone the mini-bar has room for one word ("Offline"); this line under it says what that
 * means while it lasts.
 */
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';

export function ConnectionNote() {
  const { t } = useTranslator();
  const status = useBoard((state) => state.status);
  if (status !== 'offline' && status !== 'error') return null;
  return (
    <p className="connection-note" data-testid="connection-note">
      {status === 'offline'
        ? t('board.connection.offlineNote')
        : t('board.connection.notConnected')}
    </p>
  );
}
