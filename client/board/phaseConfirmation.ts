/**
 * Which phase changes ask the facilitator first, and what the question says: showing the
 * placements to the room (it cannot be taken back once people have seen them) and locking the
 * board. Every other change acts at once. Pure.
 */
import type { Phase } from '../../shared/boardDoc.ts';
import { distributionVisible } from '../../shared/visibility.ts';

export interface PhaseConfirmation {
  question: string;
  confirm: string;
}

export function phaseConfirmation(from: Phase, to: Phase): PhaseConfirmation | null {
  if (from === to) return null;
  if (to === 'final') {
    return {
      question:
        'Lock the board? Placing, agreed positions and new rounds stop for everyone, and the timer is cleared. You can reopen it later.',
      confirm: 'Lock the board',
    };
  }
  const reveals =
    distributionVisible(to, 'participant', false) &&
    !distributionVisible(from, 'participant', false);
  if (!reveals) return null;
  return {
    question:
      "Show everyone's placements to the room? This cannot be undone once they have seen them.",
    confirm: to === 'revealed' ? 'Reveal to the room' : 'Reveal and discuss',
  };
}
