/** The board picture's input from the read-model (what the board shows is what is drawn). */
import type { BoardPictureInput } from '../../shared/boardPicture.ts';
import type { CardSummary } from '../../shared/consensus/cardSummary.ts';
import { PHASE_LABELS } from '../format.ts';
import type { BoardState } from './boardStore.ts';

export function boardPictureInput(state: BoardState): BoardPictureInput | null {
  if (!state.meta) return null;
  const summaries: Record<string, CardSummary> = {};
  const positions: Record<string, number[]> = {};
  for (const [cardId, stats] of Object.entries(state.stats)) {
    summaries[cardId] = stats.summary;
    positions[cardId] = stats.placed.map((entry) => entry.placement.x);
  }
  const date = new Date(state.meta.createdAt).toISOString().slice(0, 10);
  return {
    title: state.meta.title,
    subtitle: `${date} · ${PHASE_LABELS[state.control.phase]}${state.control.round > 1 ? ` · round ${state.control.round}` : ''}`,
    rubric: state.meta.rubric,
    summaries,
    positions,
    final: state.final,
    elements: state.elements,
  };
}
