/**
 * What the facilitator does with one card: bring everyone to it, and once the group is revealed
 * record the agreed position or open a new round on just this card.
 */
import type { FinalPosition } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { AgreementForm } from './AgreementForm.tsx';

export function FacilitatorCardActions({
  card,
  agreed,
  stats,
  focused,
}: {
  card: RubricCard;
  agreed: FinalPosition | undefined;
  stats: CardStats | undefined;
  focused: boolean;
}) {
  const { actions } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  return (
    <>
      {phase !== 'final' && (
        <button
          type="button"
          className="link-button"
          aria-pressed={focused}
          onClick={() => actions.setFocus(focused ? null : card.id)}
        >
          {focused ? 'Unfocus' : 'Focus everyone here'}
        </button>
      )}
      {(phase === 'revealed' || phase === 'discussing') && (
        <>
          <AgreementForm
            cardText={card.text}
            current={agreed}
            suggested={stats?.summary.median ?? null}
            onSave={(x, note) => actions.setFinal(card.id, x, note)}
            onClear={() => actions.clearFinal(card.id)}
          />
          <button
            type="button"
            className="link-button"
            onClick={() => actions.startRound([card.id])}
          >
            New round on this card
          </button>
        </>
      )}
    </>
  );
}
