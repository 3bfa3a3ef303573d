/**
 * Beside a card's track: how many have placed it or, once the group is visible, its figures and
 * agreed position; then what the viewer can do with the card.
 */
import { lazy, Suspense } from 'react';
import type { FinalPosition } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { AgreedText } from './AgreedMark.tsx';
import { CardFigures } from './CardFigures.tsx';
import type { CardWords } from './cardWords.ts';
import type { OwnChip } from './ownChip.ts';
import { ReasonEditor } from './ReasonBox.tsx';

// A facilitator's tools: a participant's phone never loads them.
const FacilitatorCardActions = lazy(() => import('./FacilitatorCardActions.tsx'));

export function CardStatus({
  card,
  words,
  own,
  stats,
  agreed,
  groupShown,
  focused,
}: {
  card: RubricCard;
  words: CardWords;
  own: OwnChip;
  stats: CardStats | undefined;
  agreed: FinalPosition | undefined;
  groupShown: boolean;
  focused: boolean;
}) {
  const tr = useTranslator();
  const { me, actions } = useBoardContext();
  const total = useBoard((state) => state.countedTotal);
  const { owner, mine, movable } = own;
  return (
    <div className="card-status">
      {groupShown && stats ? (
        <CardFigures stats={stats} total={total} viewerRole={me.role} />
      ) : (
        <span data-testid="coverage">
          {tr.t('track.status.placedOfTotal', { placed: stats?.placedCount ?? 0, total })}
        </span>
      )}
      {agreed && groupShown && <AgreedText agreed={agreed} />}
      {owner !== null && mine !== null && movable && (
        <>
          <ReasonEditor
            placement={mine}
            onSave={(reason) => actions.setReason(owner, card.id, reason)}
          />
          <button
            type="button"
            className="link-button"
            onClick={() => actions.unplace(owner, card.id)}
          >
            {tr.t('track.status.backToTray')}
          </button>
        </>
      )}
      {me.role === 'facilitator' && (
        <Suspense fallback={null}>
          <FacilitatorCardActions
            card={card}
            words={words}
            agreed={agreed}
            stats={stats}
            focused={focused}
          />
        </Suspense>
      )}
    </div>
  );
}
