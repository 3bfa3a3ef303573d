/**
 * The board picture's input from the read-model (what the board shows is what is drawn), with
 * each card's latest figures: a card nobody placed again in a later round keeps its earlier
 * round's, marked (shared/latestFigures.ts). Drawn in `tr`'s language: the report's (or, by
 * default, this person's own).
 */
import type { Role } from '../../shared/boardDoc.ts';
import type { BoardPictureInput } from '../../shared/boardPicture.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { type LatestBoardFigures, latestBoardFigures } from '../../shared/latestFigures.ts';
import { phaseText } from '../format.ts';
import type { BoardState } from './boardStore.ts';
import { currentTranslator } from './currentTranslator.ts';

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
  tr: Translator = currentTranslator(),
  /** The "since last retreat" view: arrows from then to now, for the cards with both. */
  sinceView = false,
): BoardPictureInput | null {
  if (!state.meta || !latest) return null;
  const since = sinceView
    ? Object.fromEntries(
        Object.entries(state.stats).map(([cardId, stats]) => [
          cardId,
          // Only where the picture shows the card's group now.
          latest.cards[cardId]?.summary.median == null ? null : stats.since,
        ]),
      )
    : undefined;
  return {
    tr,
    title: state.meta.title,
    subtitle: tr.t('report.picture.subtitle', {
      date: tr.dateTime(state.meta.createdAt, { dateStyle: 'medium' }),
      phase: phaseText(tr, state.control.phase),
      round: state.control.round,
    }),
    rubric: state.meta.rubric,
    cards: latest.cards,
    final: state.final,
    elements: latest.elements,
    ...(since ? { since } : {}),
  };
}
