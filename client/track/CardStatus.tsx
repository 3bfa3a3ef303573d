/**
 * Beside a card's track: how many have placed it or, once the group is visible, its figures and
 * agreed position; then what the viewer can do with the card.
 */
import type { FinalPosition } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { AgreedText } from './AgreedMark.tsx';
import { CardFigures } from './CardFigures.tsx';
import { FacilitatorCardActions } from './FacilitatorCardActions.tsx';
import type { OwnChip } from './ownChip.ts';
import { ReasonEditor } from './ReasonBox.tsx';

export function CardStatus({
  card,
  own,
  stats,
  agreed,
  groupShown,
  focused,
}: {
  card: RubricCard;
  own: OwnChip;
  stats: CardStats | undefined;
  agreed: FinalPosition | undefined;
  groupShown: boolean;
  focused: boolean;
}) {
  const { me, actions } = useBoardContext();
  const total = useBoard((state) => state.countedTotal);
  const { owner, mine, movable } = own;
  return (
    <div className="card-status">
      {groupShown && stats ? (
        <CardFigures stats={stats} total={total} viewerRole={me.role} />
      ) : (
        <span data-testid="coverage">
          {stats?.placedCount ?? 0} of {total} have placed this card
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
            Back to tray
          </button>
        </>
      )}
      {me.role === 'facilitator' && (
        <FacilitatorCardActions card={card} agreed={agreed} stats={stats} focused={focused} />
      )}
    </div>
  );
}
