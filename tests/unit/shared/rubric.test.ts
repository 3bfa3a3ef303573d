/**
 * The rubric against its seed: every bullet one card, exact text, stable unique ids; and its
 * Spanish, complete beside the English.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rubricLanguages } from '../../../shared/i18n/rubricText.ts';
import { DEFAULT_AXIS, ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../../shared/rubric.ts';
import { parseRubricSeed } from '../../../shared/rubricSeed.ts';

const seedPath = fileURLToPath(
  new URL('../../../shared/seed/elements-of-partnership.txt', import.meta.url),
);
const seedText = readFileSync(seedPath, 'utf8');

describe('the rubric', () => {
  const seed = parseRubricSeed(seedText);

  it('has the six elements of the seed, in its order and with its names', () => {
    expect(ELEMENTS_OF_PARTNERSHIP.elements.map((element) => element.name)).toEqual([
      'Trust',
      'Shared Values',
      'Organizational Culture',
      'Joint Resource Development',
      'Integrated Learning',
      'Systems, Structure and Accountability',
    ]);
    expect(seed.map((element) => element.name)).toEqual(
      ELEMENTS_OF_PARTNERSHIP.elements.map((element) => element.name),
    );
  });

  it('has one card per seed bullet, with its exact text and column: none merged, dropped or invented', () => {
    const bulletCount = (seedText.match(/·/g) ?? []).length;
    expect(rubricCards(ELEMENTS_OF_PARTNERSHIP)).toHaveLength(bulletCount);
    for (const [index, element] of ELEMENTS_OF_PARTNERSHIP.elements.entries()) {
      const fromSeed = seed[index];
      expect(element.cards.map(({ text, column }) => ({ text, column }))).toEqual(fromSeed?.cards);
    }
  });

  it('keeps curly quotes and apostrophes as written', () => {
    const texts = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.text);
    expect(texts).toContain('Trust to “get the job done” may be assumed.');
    expect(texts).toContain(
      'Members’ self-interest is explored; partners work to meet one another’s self-interest.',
    );
  });

  it('splits two bullets that share a cell line into two cards', () => {
    const culture = ELEMENTS_OF_PARTNERSHIP.elements[2];
    expect(culture?.cards.map((card) => card.text)).toContain('Flexible and responsive leadership');
    expect(culture?.cards.map((card) => card.text)).toContain(
      'Partnership develops a shared mission',
    );
  });

  it('has stable, unique, short card ids: element, column letter, index within the column', () => {
    const ids = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const element of ELEMENTS_OF_PARTNERSHIP.elements) {
      let vendor = 0;
      let partnership = 0;
      for (const card of element.cards) {
        const expected =
          card.column === 'vendor'
            ? `${element.id}.v${++vendor}`
            : `${element.id}.p${++partnership}`;
        expect(card.id).toBe(expected);
      }
    }
    // These ids are referenced by stored boards and exports: they must never change.
    expect(ids.slice(0, 3)).toEqual(['trust.v1', 'trust.v2', 'trust.v3']);
    expect(ids.at(-1)).toBe('systems.p4');
    expect(ELEMENTS_OF_PARTNERSHIP.elements.map((element) => element.id)).toEqual([
      'trust',
      'values',
      'culture',
      'resources',
      'learning',
      'systems',
    ]);
  });
});

describe("the rubric's Spanish", () => {
  const texts = [
    {
      id: 'title',
      en: ELEMENTS_OF_PARTNERSHIP.title,
      es: ELEMENTS_OF_PARTNERSHIP.translations?.es,
    },
    ...ELEMENTS_OF_PARTNERSHIP.elements.map((element) => ({
      id: element.id,
      en: element.name,
      es: element.translations?.es,
    })),
    ...rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => ({
      id: card.id,
      en: card.text,
      es: card.translations?.es,
    })),
  ];

  it('says it is English, with the seed axis, and is complete in English and Spanish', () => {
    expect(ELEMENTS_OF_PARTNERSHIP.language).toBe('en');
    expect(ELEMENTS_OF_PARTNERSHIP.axis).toBe(DEFAULT_AXIS);
    expect(rubricLanguages(ELEMENTS_OF_PARTNERSHIP)).toEqual(['en', 'es']);
    expect(texts).toHaveLength(1 + 6 + 48);
  });

  it('gives the title, every element and every card a trimmed Spanish text of its own', () => {
    for (const { id, en, es } of texts) {
      expect(es, id).toBeTypeOf('string');
      expect(es?.trim(), id).toBe(es);
      expect(es, id).not.toBe('');
      expect(es, id).not.toBe(en);
    }
  });

  it('keeps each English sentence’s trailing period, and its curly quotes', () => {
    for (const { id, en, es } of texts) {
      expect(es?.endsWith('.'), id).toBe(en.endsWith('.'));
      expect(es?.includes('“'), id).toBe(en.includes('“'));
    }
  });

  it('uses the agreed names for the elements and the axis ends', () => {
    expect(ELEMENTS_OF_PARTNERSHIP.elements.map((element) => element.translations?.es)).toEqual([
      'Confianza',
      'Valores compartidos',
      'Cultura organizacional',
      'Desarrollo conjunto de recursos',
      'Aprendizaje integrado',
      'Sistemas, estructura y rendición de cuentas',
    ]);
    expect(DEFAULT_AXIS.translations?.es).toEqual({
      left: 'Proveedor/Contratista',
      right: 'Alianza de Alto Rendimiento',
    });
  });
});
