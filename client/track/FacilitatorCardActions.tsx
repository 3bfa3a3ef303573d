/**
 * What the facilitator does with one card: once the group is revealed record the agreed position
 * or open a new round on just this card, and bring everyone to it. The agreement comes first, so
 * Tab goes from its slider on the track straight to its note and buttons.
 */
import type { FinalPosition } from '../../shared/boardDoc.ts';
import type { CardStats } from '../../shared/boardStats.ts';
import type { RubricCard } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';
import { AgreementForm } from './AgreementForm.tsx';
import type { CardWords } from './cardWords.ts';

export default function FacilitatorCardActions({
  card,
  words,
  agreed,
  stats,
  focused,
}: {
  card: RubricCard;
  words: CardWords;
  agreed: FinalPosition | undefined;
  stats: CardStats | undefined;
  focused: boolean;
}) {
  const tr = useTranslator();
  const { actions } = useBoardContext();
  const phase = useBoard((state) => state.control.phase);
  return (
    <>
      {agreementOpen(phase) && (
        <>
          <AgreementForm
            cardId={card.id}
            words={words}
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
            {tr.t('track.actions.newRound')}
          </button>
        </>
      )}
      {phase !== 'final' && (
        <button
          type="button"
          className="link-button"
          aria-pressed={focused}
          onClick={() => actions.setFocus(focused ? null : card.id)}
        >
          {tr.t(focused ? 'track.actions.unfocus' : 'track.actions.focus')}
        </button>
      )}
    </>
  );
}

/** The phases in which the facilitator records agreed positions. */
export function agreementOpen(phase: string): boolean {
  return phase === 'revealed' || phase === 'discussing';
}
