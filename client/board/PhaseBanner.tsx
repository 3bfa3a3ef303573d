/**
 * What the phase means for this screen, said in words: waiting for the facilitator in Setup,
 * and in Final that the board is locked and shows the agreed positions. Not a live region: the
 * change itself is announced once (useBoardAnnouncements.ts), so nothing is read twice.
 */
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

export function PhaseBanner() {
  const { t } = useTranslator();
  const { me } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  if (phase === 'setup' && me.role !== 'facilitator') {
    return (
      <p className="phase-banner" data-testid="phase-banner" data-phase={phase}>
        <strong>{t('board.banner.waiting')}</strong> {t('board.banner.waitingDetail')}
      </p>
    );
  }
  if (phase === 'final') {
    return (
      <p className="phase-banner locked" data-testid="phase-banner" data-phase={phase}>
        <strong>{t('board.banner.locked')}</strong>{' '}
        {me.role === 'facilitator'
          ? t('board.banner.lockedFacilitator')
          : t('board.banner.lockedParticipant')}
      </p>
    );
  }
  return null;
}
