/** The whole page once the server ended this screen's access for good: deleted or removed. */
import { useTranslator } from '../i18n/useTranslator.ts';

export function BoardEnded({ why }: { why: 'deleted' | 'removed' }) {
  const { t } = useTranslator();
  return (
    <main className="page board-ended" data-testid="board-ended" data-ended={why}>
      <h1>{why === 'deleted' ? t('board.ended.deletedTitle') : t('board.ended.removedTitle')}</h1>
      <p>{why === 'deleted' ? t('board.ended.deletedDetail') : t('board.ended.removedDetail')}</p>
      <p>
        <a href="/">{t('board.ended.startLink')}</a>
      </p>
    </main>
  );
}
