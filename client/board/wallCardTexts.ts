/**
 * A card's text on the wall in each of the wall's languages (one, or two side by side in a
 * bilingual room), and what layoutWall (shared/wallLayout.ts) measures for it.
 */
import { cardText, type LocalText } from '../../shared/i18n/rubricText.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import type { Rubric, RubricCard } from '../../shared/rubric.ts';

/** A card's texts in the wall's languages, without repeating one that reads the same. */
export function wallCardTexts(
  rubric: Pick<Rubric, 'language'>,
  card: RubricCard,
  translators: readonly Translator[],
): LocalText[] {
  const texts = translators.map((tr) => cardText(rubric, card, tr));
  return texts.filter((text, index) => index === 0 || text.text !== texts[0]?.text);
}

/**
 * What layoutWall measures for a card: its texts one after the other, and room for the line the
 * second language starts on (it is smaller, so this never under-counts).
 */
export function wallCardMeasure(texts: readonly LocalText[]): string {
  return texts.length > 1
    ? `${texts.map((text) => text.text).join(' ')} ${'x'.repeat(12)}`
    : (texts[0]?.text ?? '');
}
