/**
 * A card's words in the reader's language: its text, its element's name and the axis ends, each
 * with its `lang` (rubric text may fall back to the rubric's own language).
 */
import { useMemo } from 'react';
import { axisEnds, cardText, elementName, type LocalText } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { ELEMENTS_OF_PARTNERSHIP, type Rubric, type RubricCard } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { useBoard } from '../state/BoardContext.tsx';

export interface CardWords {
  text: LocalText;
  element: LocalText;
  ends: { left: LocalText; right: LocalText };
}

export function cardWords(rubric: Rubric, card: RubricCard, tr: Translator): CardWords {
  const element = rubric.elements.find((candidate) =>
    candidate.cards.some((other) => other.id === card.id),
  );
  return {
    text: cardText(rubric, card, tr),
    element: element ? elementName(rubric, element, tr) : { text: '', lang: tr.lang },
    ends: axisEnds(rubric, tr),
  };
}

/** The words of a card on this board (the seed rubric until the board's meta has arrived). */
export function useCardWords(card: RubricCard): CardWords {
  const tr = useTranslator();
  const rubric = useBoard((state) => state.meta?.rubric ?? null) ?? ELEMENTS_OF_PARTNERSHIP;
  return useMemo(() => cardWords(rubric, card, tr), [rubric, card, tr]);
}

/** The axis ends as plain strings, for messages. */
export function endNames(words: CardWords): { left: string; right: string } {
  return { left: words.ends.left.text, right: words.ends.right.text };
}
