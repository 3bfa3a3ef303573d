/**
 * The board picture's input from the read-model (what the board shows is what is drawn), with
 * each card's latest figures: a card nobody placed again in a later round keeps its earlier
 * round's, marked (shared/latestFigures.ts).
 */
import type { Role } from '../../shared/boardDoc.ts';
import type { BoardPictureInput } from '../../shared/boardPicture.ts';
import { type LatestBoardFigures, latestBoardFigures } from '../../shared/latestFigures.ts';
import { PHASE_LABELS } from '../format.ts';
import type { BoardState } from './boardStore.ts';

/** Every card's latest figures as `role` may see them, and their roll-ups. */
export function boardLatestFigures(state: BoardState, role: Role): LatestBoardFigures | null {
  if (!state.meta) return null;
  return latestBoardFigures(state.meta.rubric, state.stats, {
    rounds: state.rounds,
    participants: state.participants,
    organisations: state.meta.organisations,
    role,
  });
}

export function boardPictureInput(
  state: BoardState,
  role: Role,
  latest = boardLatestFigures(state, role),
): BoardPictureInput | null {
  if (!state.meta || !latest) return null;
  const date = new Date(state.meta.createdAt).toISOString().slice(0, 10);
  return {
    title: state.meta.title,
    subtitle: `${date} · ${PHASE_LABELS[state.control.phase]}${state.control.round > 1 ? ` · round ${state.control.round}` : ''}`,
    rubric: state.meta.rubric,
    cards: latest.cards,
    final: state.final,
    elements: latest.elements,
  };
}
