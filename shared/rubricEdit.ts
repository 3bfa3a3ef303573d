/**
 * A board's rubric edited in Setup (PUT /api/boards/:boardId/rubric, issue 16): the facilitator
 * sends the whole rubric again, as a rubric file, and the board's next rubric keeps what people
 * have done with its cards. Pure.
 *
 * - A card is the same card when its id is: reworded, it keeps its placements, and once people
 *   have placed it its earlier text is kept (`history`).
 * - A card left out is removed. If people had placed it, it is retired (`retired`): its
 *   placements stay with the board and in its exports; sent again with its id, it comes back.
 *   Otherwise its id is only remembered (`formerIds`).
 * - A new card is given an id no card of this board has ever had, so old placements never
 *   attach to it.
 */
import {
  type CardColumn,
  type EarlierText,
  idsEverUsed,
  type RetiredCard,
  type Rubric,
  type RubricCard,
  rubricCards,
} from './rubric.ts';
import { RUBRIC_LIMITS, type RubricInput, rubricFromInput } from './rubricInput.ts';

/** At most this many earlier texts a card keeps: the first and the latest ones. */
export const MAX_EARLIER_TEXTS = 10;
/** At most this many card ids a board remembers as removed: beyond it, an edit is refused. */
export const MAX_FORMER_IDS = 2000;
/** At most this many retired cards a board keeps: beyond it, an edit is refused. */
export const MAX_RETIRED_CARDS = 400;

export type RubricEdit =
  | { ok: true; rubric: Rubric; retired: string[] }
  | { ok: false; reason: 'tooManyRemovals' };

/**
 * The board's next rubric. `placed(cardId)`: whether anyone has placed the card on this board
 * (in any round, or as the agreed position). `retired` in the answer: the ids retired now.
 */
export function editedRubric(
  current: Rubric,
  input: RubricInput,
  placed: (cardId: string) => boolean,
  now: number,
): RubricEdit {
  const next = rubricFromInput(input, idsEverUsed(current));
  const before = new Map<string, RubricCard & { elementId: string }>();
  for (const card of current.retired ?? []) before.set(card.id, card);
  for (const card of rubricCards(current)) before.set(card.id, card);

  const kept = new Set<string>();
  for (const element of next.elements) {
    element.cards = element.cards.map((card) => {
      kept.add(card.id);
      const earlier = before.get(card.id);
      return earlier ? withHistory(card, earlier, placed(card.id), now) : card;
    });
  }

  const retired: RetiredCard[] = (current.retired ?? []).filter((card) => !kept.has(card.id));
  const formerIds = [...(current.formerIds ?? [])];
  const retiredNow: string[] = [];
  for (const card of rubricCards(current)) {
    if (kept.has(card.id)) continue;
    if (placed(card.id)) {
      retired.push({ ...card, retiredAt: now });
      retiredNow.push(card.id);
    } else {
      formerIds.push(card.id);
    }
  }
  if (retired.length > MAX_RETIRED_CARDS || formerIds.length > MAX_FORMER_IDS) {
    return { ok: false, reason: 'tooManyRemovals' };
  }
  return {
    ok: true,
    rubric: {
      ...next,
      ...(retired.length > 0 ? { retired } : {}),
      ...(formerIds.length > 0 ? { formerIds } : {}),
    },
    retired: retiredNow,
  };
}

/** The card as edited, its earlier texts carried over, and its last one added if reworded. */
function withHistory(card: RubricCard, earlier: RubricCard, wasPlaced: boolean, now: number) {
  const history = [...(earlier.history ?? [])];
  if (wasPlaced && earlier.text !== card.text) history.push(earlierText(earlier, now));
  if (history.length > MAX_EARLIER_TEXTS) history.splice(1, history.length - MAX_EARLIER_TEXTS);
  return history.length > 0 ? { ...card, history } : card;
}

function earlierText(card: RubricCard, until: number): EarlierText {
  return {
    text: card.text,
    ...(card.language !== undefined ? { language: card.language } : {}),
    ...(card.translations !== undefined ? { translations: card.translations } : {}),
    until,
  };
}

/** What a card added to the board is made of: a proposal's fields. */
export interface AddedCard {
  elementId: string;
  text: string;
  column: CardColumn;
  /** The text's language, when it is not the rubric's own. */
  language?: string;
}

export type CardAddition =
  | { ok: true; rubric: Rubric; cardId: string }
  | { ok: false; reason: 'elementFull' | 'noSuchElement' };

/** The rubric with one more card at the end of its element, under an id never used before. */
export function withCardAdded(rubric: Rubric, card: AddedCard): CardAddition {
  const element = rubric.elements.find((e) => e.id === card.elementId);
  if (element === undefined) return { ok: false, reason: 'noSuchElement' };
  if (element.cards.length >= RUBRIC_LIMITS.maxCards) return { ok: false, reason: 'elementFull' };
  const used = idsEverUsed(rubric);
  const letter = card.column === 'vendor' ? 'v' : 'p';
  let n = 1;
  while (used.has(`${element.id}.${letter}${n}`)) n += 1;
  const cardId = `${element.id}.${letter}${n}`;
  const ownLanguage = card.language === undefined || card.language === (rubric.language ?? 'en');
  const added: RubricCard = {
    id: cardId,
    text: card.text,
    column: card.column,
    ...(ownLanguage ? {} : { language: card.language }),
  };
  return {
    ok: true,
    cardId,
    rubric: {
      ...rubric,
      elements: rubric.elements.map((e) =>
        e === element ? { ...e, cards: [...e.cards, added] } : e,
      ),
    },
  };
}
