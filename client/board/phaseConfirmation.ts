/**
 * Which phase changes ask the facilitator first, and what the question says (as catalogue
 * keys): showing the placements to the room (it cannot be taken back once people have seen
 * them) and locking the board. Every other change acts at once. Pure.
 */
import type { Phase } from '../../shared/boardDoc.ts';
import type { MessageKey } from '../../shared/i18n/catalogues.ts';
import { distributionVisible } from '../../shared/visibility.ts';

export interface PhaseConfirmation {
  question: MessageKey;
  confirm: MessageKey;
}

export function phaseConfirmation(from: Phase, to: Phase): PhaseConfirmation | null {
  if (from === to) return null;
  if (to === 'final') {
    return { question: 'board.confirm.lockQuestion', confirm: 'board.confirm.lock' };
  }
  const reveals =
    distributionVisible(to, 'participant', false) &&
    !distributionVisible(from, 'participant', false);
  if (!reveals) return null;
  return {
    question: 'board.confirm.revealQuestion',
    confirm: to === 'revealed' ? 'board.confirm.reveal' : 'board.confirm.revealAndDiscuss',
  };
}
