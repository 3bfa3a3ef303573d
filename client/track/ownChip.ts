/**
 * The chip this screen moves on a card: the participant's own, or, for a facilitator acting
 * for a proxy participant, the proxy's. Observers and facilitators acting for nobody have none.
 */
import type { Placement } from '../../shared/boardDoc.ts';
import { isInOpenRound } from '../../shared/rounds.ts';
import { useBoard, useBoardContext } from '../state/BoardContext.tsx';

/**
 * Why a chip cannot move now, so it can say so rather than look broken: placing has not opened
 * yet (setup), the board is locked (final), or placing is closed on this card for now.
 */
export type ChipClosed = 'not-yet' | 'locked' | 'closed';

export interface OwnChip {
  /** Whose placement the chip is, or null when this screen moves no chip on the card. */
  owner: string | null;
  /** The owner's placement in this card's current round, or null while the chip is in the tray. */
  mine: Placement | null;
  /** The owner's placement from an earlier round, shown as a hint until they place again. */
  lastRound: Placement | null;
  /** Whether the chip can be dragged now: placing, and the card is in the open round. */
  movable: boolean;
  /** Why it cannot, when it cannot (null while movable). */
  closed: ChipClosed | null;
}

export function useOwnChip(cardId: string, round: number): OwnChip {
  const { me } = useBoardContext();
  const owner = useBoard((state) => {
    if (me.role === 'participant') return me.participantId;
    const actingFor = state.ui.actingFor;
    const proxy = actingFor ? state.participants[actingFor] : undefined;
    return me.role === 'facilitator' && proxy?.proxy && !proxy.removed ? actingFor : null;
  });
  const ownPlacement = useBoard((state) => (owner ? state.placements[cardId]?.[owner] : undefined));
  const phase = useBoard((state) => state.control.phase);
  const inOpenRound = useBoard((state) => isInOpenRound(cardId, state.control));
  const movable = owner !== null && phase === 'placing' && inOpenRound;
  return {
    owner,
    mine: ownPlacement && ownPlacement.round === round ? ownPlacement : null,
    lastRound: ownPlacement && ownPlacement.round < round ? ownPlacement : null,
    movable,
    closed: movable
      ? null
      : phase === 'setup'
        ? 'not-yet'
        : phase === 'final'
          ? 'locked'
          : 'closed',
  };
}
