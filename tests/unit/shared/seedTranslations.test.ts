/** A board stored before translations reads the seed's, for the texts that are still the seed's. */
import { describe, expect, it } from 'vitest';
import { rubricLanguages } from '../../../shared/i18n/rubricText.ts';
import { ELEMENTS_OF_PARTNERSHIP, type Rubric } from '../../../shared/rubric.ts';
import { withSeedTranslations } from '../../../shared/seedTranslations.ts';

/** The seed as boards stored it before translations: its English alone. */
function englishOnly(rubric: Rubric = ELEMENTS_OF_PARTNERSHIP): Rubric {
  return {
    id: rubric.id,
    title: rubric.title,
    elements: rubric.elements.map(({ id, name, cards }) => ({
      id,
      name,
      cards: cards.map(({ id, text, column }) => ({ id, text, column })),
    })),
  };
}

describe('withSeedTranslations', () => {
  it("gives a stored English-only seed rubric every one of the seed's translations", () => {
    const rubric = withSeedTranslations(englishOnly());
    expect(rubricLanguages(rubric)).toEqual(['en', 'es']);
    expect(rubric.translations).toEqual(ELEMENTS_OF_PARTNERSHIP.translations);
    expect(rubric.elements).toEqual(ELEMENTS_OF_PARTNERSHIP.elements);
    // Absent stays absent: readers use the seed's axis and English for a rubric without them.
    expect(rubric).not.toHaveProperty('axis');
    expect(rubric).not.toHaveProperty('language');
  });

  it('leaves an edited text without the seed translation, which no longer says the same', () => {
    const stored = englishOnly();
    const trust = stored.elements[0];
    if (!trust?.cards[0]) throw new Error('no card');
    trust.cards[0].text = 'Relationships are built while working together';
    const rubric = withSeedTranslations(stored);
    expect(rubric.elements[0]?.cards[0]).not.toHaveProperty('translations');
    expect(rubric.elements[0]?.cards[1]?.translations?.es).toBe(
      ELEMENTS_OF_PARTNERSHIP.elements[0]?.cards[1]?.translations?.es,
    );
    expect(rubricLanguages(rubric)).toEqual(['en']);
  });

  it("keeps the rubric's own translations over the seed's", () => {
    const stored = englishOnly();
    const trust = stored.elements[0];
    if (!trust) throw new Error('no element');
    trust.translations = { es: 'Confianza mutua', fr: 'Confiance' };
    expect(withSeedTranslations(stored).elements[0]?.translations).toEqual({
      es: 'Confianza mutua',
      fr: 'Confiance',
    });
  });

  it('leaves another rubric, or the seed in another source language, as it is', () => {
    const other = { ...englishOnly(), id: 'another-rubric' };
    expect(withSeedTranslations(other)).toBe(other);
    const spanishSource = { ...englishOnly(), language: 'es' };
    expect(withSeedTranslations(spanishSource)).toBe(spanishSource);
  });

  it('is idempotent, and the seed itself comes back equal', () => {
    const once = withSeedTranslations(englishOnly());
    expect(withSeedTranslations(once)).toEqual(once);
    expect(withSeedTranslations(ELEMENTS_OF_PARTNERSHIP)).toEqual(ELEMENTS_OF_PARTNERSHIP);
  });
});
