/**
 * A card on the wall in the room's languages: both texts in a bilingual room, once where the
 * rubric has no translation yet, and a measure for layoutWall that leaves room for both.
 */
import { describe, expect, it } from 'vitest';
import { wallCardMeasure, wallCardTexts } from '../../../client/board/wallCardTexts.ts';
import { translator } from '../../../shared/i18n/translator.ts';
import type { RubricCard } from '../../../shared/rubric.ts';

const rubric = { language: 'en' };
const translated: RubricCard = {
  id: 'trust.v1',
  column: 'vendor',
  text: 'Work first',
  translations: { es: 'Primero el trabajo' },
};
const untranslated: RubricCard = { id: 'trust.p1', column: 'partnership', text: 'Time together' };
const english = translator('en');
const spanish = translator('es');

describe('wallCardTexts', () => {
  it('gives one text, in the one language of the wall', () => {
    expect(wallCardTexts(rubric, translated, [spanish])).toEqual([
      { text: 'Primero el trabajo', lang: 'es' },
    ]);
  });

  it('gives both texts side by side, the first language leading', () => {
    expect(wallCardTexts(rubric, translated, [spanish, english])).toEqual([
      { text: 'Primero el trabajo', lang: 'es' },
      { text: 'Work first', lang: 'en' },
    ]);
  });

  it('says a text once when both languages read the same (no translation yet)', () => {
    expect(wallCardTexts(rubric, untranslated, [english, spanish])).toEqual([
      { text: 'Time together', lang: 'en' },
    ]);
  });
});

describe('wallCardMeasure', () => {
  it('measures a one-language card as its text', () => {
    expect(wallCardMeasure([{ text: 'Work first', lang: 'en' }])).toBe('Work first');
    expect(wallCardMeasure([])).toBe('');
  });

  it('measures both texts and room for the line the second starts on', () => {
    const measure = wallCardMeasure(wallCardTexts(rubric, translated, [english, spanish]));
    expect(measure.startsWith('Work first Primero el trabajo ')).toBe(true);
    expect(measure.length).toBeGreaterThan('Work first Primero el trabajo '.length + 10);
  });
});
