/**
 * Which card of a baseline is which card of the board: the facilitator's matches first, then
 * the same id, then the same text in the same language. Pure.
 */
import type { BaselineCard, BaselineMatches, StoredBaseline } from './baseline.ts';
import { idsEverUsed, type Rubric, rubricCards } from './rubric.ts';
import { withSeedTranslations } from './seedTranslations.ts';

/** The language of a text when none is given: the rubric's own, else English. */
function ownLanguage(rubric: Pick<Rubric, 'language'>, language: string | undefined): string {
  return language ?? rubric.language ?? 'en';
}

export function cardTexts(
  rubric: Rubric,
  card: { text: string; language?: string; translations?: Readonly<Record<string, string>> },
): Record<string, string> {
  return { [ownLanguage(rubric, card.language)]: card.text, ...(card.translations ?? {}) };
}

/** A board card as matching needs it. */
export interface MatchableCard {
  id: string;
  /** By language tag. */
  texts: Readonly<Record<string, string>>;
  /** Its earlier texts on this board (reworded after people placed it), by language tag. */
  earlier?: readonly Readonly<Record<string, string>>[];
}

/**
 * The board's cards with their texts by language, for matching: with the seed's translations,
 * as every screen reads the rubric, so the server and a facilitator's screen match alike.
 */
export function matchableCards(rubric: Rubric): MatchableCard[] {
  const translated = withSeedTranslations(rubric);
  return rubricCards(translated).map((card) => ({
    id: card.id,
    texts: cardTexts(translated, card),
    ...(card.history ? { earlier: card.history.map((text) => cardTexts(translated, text)) } : {}),
  }));
}

function normalised(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Whether two cards say the same thing in some language, word for word. */
function sameText(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) {
  return Object.entries(a).some(
    ([language, text]) => b[language] !== undefined && normalised(b[language]) === normalised(text),
  );
}

/**
 * Board card id → baseline card id: the facilitator's matches first, then the same id, then
 * the same text in the same language, each baseline card matched at most once, in board order.
 */
export function matchBaseline(
  boardCards: readonly MatchableCard[],
  baselineCards: readonly Pick<BaselineCard, 'id' | 'texts'>[],
  manualMatches: BaselineMatches = {},
): Map<string, string> {
  const known = new Map(baselineCards.map((card) => [card.id, card]));
  const used = new Set<string>();
  const matches = new Map<string, string>();
  const open: MatchableCard[] = [];
  for (const card of boardCards) {
    const manual = manualMatches[card.id];
    if (manual === null) continue;
    if (manual !== undefined && known.has(manual) && !used.has(manual)) {
      matches.set(card.id, manual);
      used.add(manual);
    } else {
      open.push(card);
    }
  }
  // The same id saying the same (now, or in words the card had before): a board made from a
  // file without ids numbers its cards by place, so an id alone may name another card.
  const byId = open.filter((card) => {
    const other = known.get(card.id);
    if (other === undefined || used.has(card.id)) return true;
    const wordings = [card.texts, ...(card.earlier ?? [])];
    if (!wordings.some((texts) => sameText(texts, other.texts))) return true;
    matches.set(card.id, card.id);
    used.add(card.id);
    return false;
  });
  const byText = byId.filter((card) => {
    const found = baselineCards.find(
      (other) => !used.has(other.id) && sameText(card.texts, other.texts),
    );
    if (!found) return true;
    matches.set(card.id, found.id);
    used.add(found.id);
    return false;
  });
  // Then the same id, reworded: still the card it was.
  for (const card of byText) {
    if (!known.has(card.id) || used.has(card.id)) continue;
    matches.set(card.id, card.id);
    used.add(card.id);
  }
  return matches;
}

/** Board card id → the baseline card it is matched to. */
export function matchedBaselineCards(
  rubric: Rubric,
  baseline: StoredBaseline,
): Map<string, BaselineCard> {
  const byId = new Map(baseline.cards.map((card) => [card.id, card]));
  const result = new Map<string, BaselineCard>();
  for (const [cardId, baselineId] of matchBaseline(
    matchableCards(rubric),
    baseline.cards,
    baseline.manualMatches,
  )) {
    const card = byId.get(baselineId);
    if (card) result.set(cardId, card);
  }
  return result;
}

/** What a facilitator is told about a baseline: how it matched. */
export interface BaselineReport {
  title: string;
  exportedAt: string;
  /** Board card id → baseline card id. */
  matches: Record<string, string>;
  unmatchedBoardCards: string[];
  unmatchedBaselineCards: string[];
}

export function baselineReport(rubric: Rubric, baseline: StoredBaseline): BaselineReport {
  const boardCards = matchableCards(rubric);
  const matches = matchBaseline(boardCards, baseline.cards, baseline.manualMatches);
  const used = new Set(matches.values());
  return {
    title: baseline.title,
    exportedAt: baseline.exportedAt,
    matches: Object.fromEntries(matches),
    unmatchedBoardCards: boardCards.filter((card) => !matches.has(card.id)).map((card) => card.id),
    unmatchedBaselineCards: baseline.cards.filter((card) => !used.has(card.id)).map((c) => c.id),
  };
}

/**
 * Why hand matches cannot be kept, or null: each names a card of the board and a card of the
 * baseline (or null), and no baseline card twice.
 */
export function invalidMatch(
  rubric: Rubric,
  baseline: StoredBaseline,
  manualMatches: BaselineMatches,
): { field: string; message: string } | null {
  const boardIds = new Set(rubricCards(rubric).map((card) => card.id));
  const everyBoardId = idsEverUsed(rubric);
  const baselineIds = new Set(baseline.cards.map((card) => card.id));
  const seen = new Set<string>();
  for (const [cardId, baselineId] of Object.entries(manualMatches)) {
    const field = `matches.${cardId}`;
    // A card taken off the board (retired, or removed in Setup) keeps nothing to match: its entry
    // is left alone, so a screen's whole list of matches is still taken.
    if (!boardIds.has(cardId) && !everyBoardId.has(cardId)) {
      return { field, message: `"${cardId}" is not a card of the board` };
    }
    if (!boardIds.has(cardId) || baselineId === null) continue;
    if (!baselineIds.has(baselineId)) {
      return { field, message: `"${baselineId}" is not a card of the baseline` };
    }
    if (seen.has(baselineId)) {
      return { field, message: `"${baselineId}" is matched to two cards` };
    }
    seen.add(baselineId);
  }
  return null;
}
