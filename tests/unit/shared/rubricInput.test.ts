/**
 * A rubric as people write it (issue 16): the limits and what a refusal names, the languages of
 * its texts, the ids the server gives (in the seed's form, never one the board has used), and a
 * board's rubric written back as a file that reads as the same rubric.
 */
import { describe, expect, it } from 'vitest';
import { axisEnds, cardText, elementName } from '../../../shared/i18n/rubricText.ts';
import { DEFAULT_AXIS, ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../../shared/rubric.ts';
import { rubricToInput } from '../../../shared/rubricFile.ts';
import {
  CUSTOM_RUBRIC_ID,
  RUBRIC_LIMITS,
  rubricFromInput,
  rubricInputSchema,
} from '../../../shared/rubricInput.ts';
import { withSeedTranslations } from '../../../shared/seedTranslations.ts';

const small = {
  title: 'Our partnership',
  elements: [
    {
      name: 'Shared Values',
      cards: [
        { text: 'We each keep our own', column: 'vendor' },
        { text: 'We agree on what matters', column: 'partnership' },
        { text: 'We say it out loud', column: 'partnership' },
      ],
    },
  ],
};

/** The field a refusal names, as the API's `field` does. */
function refusedField(input: unknown): string | null {
  const result = rubricInputSchema.safeParse(input);
  if (result.success) return null;
  return result.error.issues[0]?.path.join('.') ?? '';
}

const card = (n: number) => ({ text: `Card ${n}`, column: 'vendor' });
const element = (cards: number, name = 'Element') => ({
  name,
  cards: Array.from({ length: cards }, (_, n) => card(n)),
});

describe('checking a rubric', () => {
  it('takes 1–8 elements of 1–12 cards, and refuses more or fewer, naming the field', () => {
    expect(refusedField({ title: 'T', elements: [element(1)] })).toBeNull();
    expect(
      refusedField({ title: 'T', elements: Array.from({ length: 8 }, () => element(12)) }),
    ).toBeNull();
    expect(refusedField({ title: 'T', elements: [] })).toBe('elements');
    expect(
      refusedField({ title: 'T', elements: Array.from({ length: 9 }, () => element(1)) }),
    ).toBe('elements');
    expect(refusedField({ title: 'T', elements: [element(1), element(0)] })).toBe(
      'elements.1.cards',
    );
    expect(refusedField({ title: 'T', elements: [element(13)] })).toBe('elements.0.cards');
  });

  it('bounds texts in the rubric’s language: a card to 200 characters, a name to 60, none empty', () => {
    const withCard = (text: unknown) => ({
      title: 'T',
      elements: [{ name: 'E', cards: [{ text, column: 'vendor' }] }],
    });
    expect(refusedField(withCard('x'.repeat(RUBRIC_LIMITS.maxCardText)))).toBeNull();
    expect(refusedField(withCard('x'.repeat(RUBRIC_LIMITS.maxCardText + 1)))).toBe(
      'elements.0.cards.0.text',
    );
    expect(refusedField(withCard('   '))).toBe('elements.0.cards.0.text');
    // A translation may run half as long again as the rubric's own language.
    expect(refusedField(withCard({ en: 'fine', es: 'y'.repeat(300) }))).toBeNull();
    expect(refusedField(withCard({ en: 'fine', es: 'y'.repeat(301) }))).toBe(
      'elements.0.cards.0.text.es',
    );
    expect(refusedField(withCard({ en: 'x'.repeat(201), es: 'fine' }))).toBe(
      'elements.0.cards.0.text.en',
    );
    expect(refusedField(withCard({}))).toBe('elements.0.cards.0.text');
    expect(refusedField(withCard({ English: 'not a tag' }))).toBe('elements.0.cards.0.text');
    expect(refusedField({ title: 'T', elements: [{ ...element(1), name: 'n'.repeat(61) }] })).toBe(
      'elements.0.name',
    );
    expect(refusedField({ ...small, axis: { left: 'a'.repeat(61), right: 'b' } })).toBe(
      'axis.left',
    );
  });

  it('refuses a column it does not know, a field it does not know, and an id used twice', () => {
    expect(
      refusedField({
        title: 'T',
        elements: [{ name: 'E', cards: [{ text: 'x', column: 'mid' }] }],
      }),
    ).toBe('elements.0.cards.0.column');
    expect(refusedField({ ...small, colour: 'red' })).toBe('');
    expect(
      refusedField({
        title: 'T',
        elements: [
          { id: 'a', ...element(1) },
          { id: 'a', ...element(1) },
        ],
      }),
    ).toBe('elements.1.id');
    expect(
      refusedField({
        title: 'T',
        elements: [
          {
            name: 'E',
            cards: [
              { id: 'a.v1', text: 'x', column: 'vendor' },
              { id: 'a.v1', text: 'y', column: 'vendor' },
            ],
          },
        ],
      }),
    ).toBe('elements.0.cards.1.id');
  });

  it('refuses ids a JavaScript object already has, dotted or long element ids, and texts in too many languages', () => {
    const withIds = (elementId: string, cardId: string) => ({
      title: 'T',
      elements: [
        { id: elementId, name: 'E', cards: [{ id: cardId, text: 'x', column: 'vendor' }] },
      ],
    });
    expect(refusedField(withIds('e', 'valueOf'))).toBe('elements.0.cards.0.id');
    expect(refusedField(withIds('constructor', 'c'))).toBe('elements.0.id');
    expect(refusedField(withIds('a.b', 'c'))).toBe('elements.0.id');
    expect(refusedField(withIds('e'.repeat(RUBRIC_LIMITS.maxElementId + 1), 'c'))).toBe(
      'elements.0.id',
    );
    const many = Object.fromEntries(
      Array.from({ length: RUBRIC_LIMITS.maxLanguages + 1 }, (_, n) => [
        `x${String.fromCharCode(97 + (n % 26))}${n >= 26 ? 'a' : ''}`.slice(0, 3),
        't',
      ]),
    );
    expect(Object.keys(many)).toHaveLength(RUBRIC_LIMITS.maxLanguages + 1);
    expect(refusedField({ ...small, title: many })).toBe('title');
    // An element named like one gets an id of its own.
    const named = rubricFromInput(
      rubricInputSchema.parse({ title: 'T', elements: [element(1, 'Constructor')] }),
    );
    expect(named.elements[0]?.id).toBe('element-1');
  });

  it("refuses a title not given in the rubric's declared language, and an axis in two languages", () => {
    expect(refusedField({ ...small, language: 'es', title: { en: 'Only English' } })).toBe('title');
    expect(refusedField({ ...small, axis: { left: 'Apart', right: { es: 'Juntos' } } })).toBe(
      'axis.right',
    );
  });
});

describe('the board rubric of a checked input', () => {
  it('gives a rubric in another language the seed axis, marked English, and writes it back the same', () => {
    const spanish = rubricFromInput(
      rubricInputSchema.parse({ ...small, language: 'es', title: 'Nuestra alianza' }),
    );
    expect(spanish.language).toBe('es');
    expect(spanish.axis).toEqual({ ...DEFAULT_AXIS, language: 'en' });
    const reader = { language: 'es', data: (text: string) => text } as const;
    expect(axisEnds(spanish, reader).left).toEqual({ text: 'Proveedor/Contratista', lang: 'es' });
    expect(rubricFromInput(rubricInputSchema.parse(rubricToInput(spanish)))).toEqual(spanish);
  });

  it('gives ids in the seed form, the axis the seed has, and keeps ids given', () => {
    const input = rubricInputSchema.parse({
      ...small,
      elements: [
        ...small.elements,
        {
          id: 'mine',
          name: 'Shared Values',
          cards: [
            { id: 'mine.p9', text: 'Kept', column: 'partnership' },
            { text: 'New', column: 'partnership' },
          ],
        },
      ],
    });
    const rubric = rubricFromInput(input);
    expect(rubric.id).toBe(CUSTOM_RUBRIC_ID);
    expect(rubric.axis).toEqual(DEFAULT_AXIS);
    expect(rubric.elements.map((e) => e.id)).toEqual(['shared-values', 'mine']);
    expect(rubricCards(rubric).map((c) => c.id)).toEqual([
      'shared-values.v1',
      'shared-values.p1',
      'shared-values.p2',
      'mine.p9',
      'mine.p1',
    ]);
  });

  it('never gives an id the board has used, nor one an element already has', () => {
    const input = rubricInputSchema.parse({
      title: 'T',
      elements: [element(2, 'Trust'), element(1, 'Trust')],
    });
    const rubric = rubricFromInput(input, new Set(['trust.v1', 'trust.v3']));
    expect(rubric.elements.map((e) => e.id)).toEqual(['trust', 'trust-2']);
    expect(rubricCards(rubric).map((c) => c.id)).toEqual(['trust.v2', 'trust.v4', 'trust-2.v1']);
  });

  it("keeps one source language, the others beside it, and a text's own where none is in it", () => {
    const rubric = rubricFromInput(
      rubricInputSchema.parse({
        title: { es: 'Nuestra alianza', en: 'Our partnership' },
        axis: { left: { es: 'Proveedor', en: 'Vendor' }, right: { es: 'Alianza', en: 'Partner' } },
        elements: [
          {
            name: { es: 'Confianza', en: 'Trust' },
            cards: [
              { text: { es: 'Sólo en español' }, column: 'vendor' },
              { text: { en: 'English first', es: 'Luego español' }, column: 'partnership' },
              { text: 'Plain', column: 'partnership' },
            ],
          },
        ],
      }),
    );
    expect(rubric.language).toBe('es');
    expect(rubric.title).toBe('Nuestra alianza');
    expect(rubric.translations).toEqual({ en: 'Our partnership' });
    expect(rubric.axis).toEqual({
      left: 'Proveedor',
      right: 'Alianza',
      translations: { en: { left: 'Vendor', right: 'Partner' } },
    });
    const english = { language: 'en', data: (text: string) => text } as const;
    const [element] = rubric.elements;
    if (!element) throw new Error('one element expected');
    expect(elementName(rubric, element, english)).toEqual({ text: 'Trust', lang: 'en' });
    const texts = element.cards.map((c) => cardText(rubric, c, english));
    expect(texts).toEqual([
      // None in English: the first given, marked as what it is.
      { text: 'Sólo en español', lang: 'es' },
      { text: 'English first', lang: 'en' },
      // A plain string is in the rubric's language.
      { text: 'Plain', lang: 'es' },
    ]);
  });

  it('writes a board rubric as a file that reads back as the same rubric, the seed too', () => {
    const seed = withSeedTranslations(ELEMENTS_OF_PARTNERSHIP);
    const file = JSON.parse(JSON.stringify(rubricToInput(seed)));
    const again = rubricFromInput(rubricInputSchema.parse(file));
    expect({ ...again, id: seed.id }).toEqual(seed);

    const custom = rubricFromInput(
      rubricInputSchema.parse({
        title: 'T',
        language: 'en',
        elements: [{ name: 'E', cards: [{ text: { es: 'solo' }, column: 'vendor' }] }],
      }),
    );
    expect(rubricFromInput(rubricInputSchema.parse(rubricToInput(custom)))).toEqual(custom);
  });
});
